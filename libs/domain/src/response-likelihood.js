"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ON_TARGET = void 0;
exports.interventionLogLikelihood = interventionLogLikelihood;
const statistics_1 = require("./statistics");
const EXPECTED_RELIEF = {
    anaesthetic: { none: { mean: 12, spread: 15 }, partial: { mean: 40, spread: 18 }, full: { mean: 75, spread: 18 } },
    steroid: { none: { mean: 3, spread: 10 }, partial: { mean: 27, spread: 14 }, full: { mean: 50, spread: 18 } },
    biologic: { none: { mean: 3, spread: 10 }, partial: { mean: 20, spread: 12 }, full: { mean: 40, spread: 18 } },
    course: { none: { mean: 5, spread: 10 }, partial: { mean: 20, spread: 12 }, full: { mean: 40, spread: 18 } },
    surgical: { none: { mean: 5, spread: 12 }, partial: { mean: 30, spread: 15 }, full: { mean: 55, spread: 20 } },
    systemic: { none: { mean: 10, spread: 12 }, partial: { mean: 20, spread: 12 }, full: { mean: 30, spread: 15 } },
};
const FAILURE_RATE = {
    anaesthetic: 0.08,
    steroid: 0.2,
    biologic: 0.35,
    course: 0.3,
    surgical: 0.2,
    systemic: 0.3,
};
exports.ON_TARGET = { coverage: 1, missRate: 0 };
function interventionLogLikelihood(effects, aim, level, seFactor) {
    const logNone = sumOver(effects, (effect) => phaseLogDensity(effect, 'none', 1, seFactor));
    if (level === 'none')
        return logNone;
    const logHit = sumOver(effects, (effect) => phaseLogDensity(effect, level, aim.coverage, seFactor));
    const failure = 1 - (1 - Math.max(...effects.map((effect) => FAILURE_RATE[effect.phase]))) * (1 - aim.missRate);
    return (0, statistics_1.logSumExp)([Math.log(1 - failure) + logHit, Math.log(failure) + logNone]);
}
function phaseLogDensity(effect, level, coverage, seFactor) {
    const expected = EXPECTED_RELIEF[effect.phase][level];
    const none = EXPECTED_RELIEF[effect.phase].none;
    const mean = none.mean + coverage * (expected.mean - none.mean);
    return (0, statistics_1.logNormalDensity)(effect.reliefPct, mean, expected.spread ** 2 + (effect.sePct * seFactor) ** 2);
}
function sumOver(items, term) {
    return items.reduce((sum, item) => sum + term(item), 0);
}
//# sourceMappingURL=response-likelihood.js.map