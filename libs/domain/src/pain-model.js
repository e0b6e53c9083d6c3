"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.fitPainModel = fitPainModel;
const confounding_1 = require("./confounding");
const intervention_catalogue_1 = require("./intervention-catalogue");
const response_assessment_1 = require("./response-assessment");
const statistics_1 = require("./statistics");
const MONTH_DAYS = 30;
const PRIOR_LEVEL_SD = 3;
const PRIOR_TREND_SD_PER_MONTH = 1;
const PRIOR_EFFECT_SD = 4;
const PRIOR_NUISANCE_SD = 3;
const PRIOR_NOISE_SD = 1.5;
const PRIOR_NOISE_WEIGHT = 6;
const MIN_NOISE_SD = 0.5;
const PRIOR_AUTOCORRELATION = 0.3;
const PRIOR_AUTOCORRELATION_WEIGHT = 8;
const MAX_AUTOCORRELATION = 0.8;
const NEIGHBOUR_GAP_MS = 36 * intervention_catalogue_1.TIME.HOUR;
const HUBER_K = 1.5;
const IRLS_ROUNDS = 4;
const MIN_COUNTERFACTUAL_PAIN = 1;
const PLACEBO_MS = 3 * intervention_catalogue_1.TIME.DAY;
const LASTING_PHASES = ['biologic', 'course', 'surgical'];
function fitPainModel(scores, interventions) {
    if (scores.length === 0)
        return null;
    const origin = Math.min(...interventions.map((intervention) => intervention.performedAt.getTime()), ...scores.map((s) => s.recordedAt.getTime()));
    const observations = [...scores]
        .sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime() || a.score - b.score)
        .map((reading) => ({ at: reading.recordedAt.getTime(), y: reading.score }));
    const columns = buildColumns(interventions, (0, statistics_1.median)(observations.map((o) => o.y))).filter((column) => !column.covers || observations.some((o) => column.covers(o.at)));
    const rows = observations.map((o) => ({
        y: o.y,
        x: columns.map((column) => {
            if (column.kind === 'level')
                return 1;
            if (column.kind === 'trend')
                return (o.at - origin) / intervention_catalogue_1.TIME.DAY / MONTH_DAYS;
            return column.covers(o.at) ? 1 : 0;
        }),
    }));
    let weights = rows.map(() => 1);
    let noiseSd = PRIOR_NOISE_SD;
    let autocorrelation = PRIOR_AUTOCORRELATION;
    let fit = solve(rows, weights, columns, noiseSd, autocorrelation);
    for (let round = 0; round < IRLS_ROUNDS; round++) {
        const residuals = rows.map((row) => row.y - dot(row.x, fit.solution));
        noiseSd = noiseFrom(residuals, weights, columns.length);
        autocorrelation = autocorrelationFrom(residuals, observations.map((o) => o.at));
        weights = residuals.map((residual) => Math.min(1, (HUBER_K * noiseSd) / Math.max(Math.abs(residual), 1e-9)));
        fit = solve(rows, weights, columns, noiseSd, autocorrelation);
    }
    const trendIndex = columns.findIndex((column) => column.kind === 'trend');
    const effects = [];
    columns.forEach((column, index) => {
        if (column.kind !== 'effect')
            return;
        const inWindow = observations.filter((o) => column.covers(o.at));
        if (inWindow.length < (0, response_assessment_1.minimumScoresFor)(column.effectOf.phase))
            return;
        const meanMonths = inWindow.reduce((sum, o) => sum + (o.at - origin) / intervention_catalogue_1.TIME.DAY / MONTH_DAYS, 0) / inWindow.length;
        const counterfactualPain = Math.max(MIN_COUNTERFACTUAL_PAIN, fit.solution[0] + fit.solution[trendIndex] * meanMonths);
        const reliefPoints = -fit.solution[index];
        const sePoints = Math.sqrt(fit.inverse[index][index]);
        effects.push({
            interventionId: column.effectOf.interventionId,
            phase: column.effectOf.phase,
            n: inWindow.length,
            reliefPoints,
            sePoints,
            counterfactualPain,
            reliefPct: (reliefPoints * 100) / counterfactualPain,
            sePct: (sePoints * 100) / counterfactualPain,
        });
    });
    return { noiseSd, autocorrelation, trendPerMonth: fit.solution[trendIndex], effects };
}
function buildColumns(interventions, typicalPain) {
    const columns = [
        { kind: 'level', priorMean: typicalPain, priorSd: PRIOR_LEVEL_SD },
        { kind: 'trend', priorMean: 0, priorSd: PRIOR_TREND_SD_PER_MONTH },
    ];
    for (const intervention of interventions) {
        const start = intervention.performedAt.getTime();
        const windows = (0, confounding_1.timedWindowsOf)(intervention);
        const anaesthetic = windows.find((window) => window.phase === 'anaesthetic');
        const firstLaterWindow = Math.min(...windows.filter((window) => window.phase !== 'anaesthetic').map((window) => window.fromAt));
        const leadInEnd = Math.max(start + PLACEBO_MS, Number.isFinite(firstLaterWindow) ? firstLaterWindow : 0);
        columns.push({
            kind: 'nuisance',
            priorMean: 0,
            priorSd: PRIOR_NUISANCE_SD,
            covers: (at) => at >= start && at < leadInEnd && !(anaesthetic && at >= anaesthetic.fromAt && at <= anaesthetic.toAt),
        });
        for (const window of windows) {
            columns.push({
                kind: 'effect',
                priorMean: 0,
                priorSd: PRIOR_EFFECT_SD,
                covers: (at) => at >= window.fromAt && at <= window.toAt,
                effectOf: { interventionId: intervention.id, phase: window.phase, fromAt: window.fromAt, toAt: window.toAt },
            });
            if (LASTING_PHASES.includes(window.phase)) {
                columns.push({ kind: 'nuisance', priorMean: 0, priorSd: PRIOR_NUISANCE_SD, covers: (at) => at > window.toAt });
            }
        }
    }
    return columns;
}
function solve(rows, weights, columns, noiseSd, autocorrelation) {
    const p = columns.length;
    const variance = noiseSd ** 2 * ((1 + autocorrelation) / (1 - autocorrelation));
    const precision = Array.from({ length: p }, () => new Array(p).fill(0));
    const rhs = new Array(p).fill(0);
    rows.forEach((row, k) => {
        const w = weights[k] / variance;
        for (let i = 0; i < p; i++) {
            if (row.x[i] === 0)
                continue;
            rhs[i] += w * row.x[i] * row.y;
            for (let j = 0; j < p; j++)
                precision[i][j] += w * row.x[i] * row.x[j];
        }
    });
    columns.forEach((column, i) => {
        precision[i][i] += 1 / column.priorSd ** 2;
        rhs[i] += column.priorMean / column.priorSd ** 2;
    });
    return (0, statistics_1.solveSymmetricPositiveDefinite)(precision, rhs);
}
function noiseFrom(residuals, weights, parameters) {
    const weighted = residuals.reduce((sum, residual, k) => sum + weights[k] * residual ** 2, 0);
    const freedom = Math.max(0, residuals.length - parameters);
    const variance = (PRIOR_NOISE_WEIGHT * PRIOR_NOISE_SD ** 2 + weighted) / (PRIOR_NOISE_WEIGHT + freedom);
    return Math.max(MIN_NOISE_SD, Math.sqrt(variance));
}
function autocorrelationFrom(residuals, times) {
    let products = 0;
    let squares = 0;
    let pairs = 0;
    for (let k = 1; k < residuals.length; k++) {
        if (times[k] - times[k - 1] > NEIGHBOUR_GAP_MS)
            continue;
        products += residuals[k] * residuals[k - 1];
        squares += (residuals[k] ** 2 + residuals[k - 1] ** 2) / 2;
        pairs++;
    }
    const observed = squares > 0 ? products / squares : PRIOR_AUTOCORRELATION;
    const shrunk = (pairs * observed + PRIOR_AUTOCORRELATION_WEIGHT * PRIOR_AUTOCORRELATION) / (pairs + PRIOR_AUTOCORRELATION_WEIGHT);
    return Math.min(MAX_AUTOCORRELATION, Math.max(0, shrunk));
}
function dot(a, b) {
    return a.reduce((sum, value, i) => sum + value * b[i], 0);
}
//# sourceMappingURL=pain-model.js.map