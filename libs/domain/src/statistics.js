"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.median = median;
exports.mean = mean;
exports.sampleStandardDeviation = sampleStandardDeviation;
exports.clamp = clamp;
exports.roundTo = roundTo;
exports.logNormalDensity = logNormalDensity;
exports.logSumExp = logSumExp;
exports.solveSymmetricPositiveDefinite = solveSymmetricPositiveDefinite;
function median(values) {
    if (values.length === 0)
        return null;
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
function mean(values) {
    if (values.length === 0)
        return null;
    return values.reduce((sum, value) => sum + value, 0) / values.length;
}
function sampleStandardDeviation(values) {
    if (values.length < 2)
        return null;
    const average = mean(values);
    const squares = values.reduce((sum, value) => sum + (value - average) ** 2, 0);
    return Math.sqrt(squares / (values.length - 1));
}
function clamp(value, low, high) {
    return Math.min(high, Math.max(low, value));
}
function roundTo(value, decimals) {
    const factor = 10 ** decimals;
    return Math.round(value * factor) / factor;
}
function logNormalDensity(x, mu, variance) {
    return -0.5 * Math.log(2 * Math.PI * variance) - ((x - mu) ** 2) / (2 * variance);
}
function logSumExp(terms) {
    const top = Math.max(...terms);
    if (top === -Infinity)
        return -Infinity;
    return top + Math.log(terms.reduce((sum, term) => sum + Math.exp(term - top), 0));
}
function solveSymmetricPositiveDefinite(a, b) {
    const n = b.length;
    const lower = choleskyFactor(a);
    const inverse = [];
    for (let column = 0; column < n; column++) {
        const unit = Array.from({ length: n }, (_, row) => (row === column ? 1 : 0));
        inverse.push(choleskySolve(lower, unit));
    }
    return { solution: choleskySolve(lower, b), inverse };
}
function choleskyFactor(a) {
    const n = a.length;
    const lower = Array.from({ length: n }, () => new Array(n).fill(0));
    for (let i = 0; i < n; i++) {
        for (let j = 0; j <= i; j++) {
            let sum = a[i][j];
            for (let k = 0; k < j; k++)
                sum -= lower[i][k] * lower[j][k];
            if (i === j) {
                if (sum <= 0)
                    throw new Error('matrix is not positive definite');
                lower[i][i] = Math.sqrt(sum);
            }
            else {
                lower[i][j] = sum / lower[j][j];
            }
        }
    }
    return lower;
}
function choleskySolve(lower, b) {
    const n = b.length;
    const forward = new Array(n).fill(0);
    for (let i = 0; i < n; i++) {
        let sum = b[i];
        for (let k = 0; k < i; k++)
            sum -= lower[i][k] * forward[k];
        forward[i] = sum / lower[i][i];
    }
    const x = new Array(n).fill(0);
    for (let i = n - 1; i >= 0; i--) {
        let sum = forward[i];
        for (let k = i + 1; k < n; k++)
            sum -= lower[k][i] * x[k];
        x[i] = sum / lower[i][i];
    }
    return x;
}
//# sourceMappingURL=statistics.js.map