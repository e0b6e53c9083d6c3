"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SAME_DAY_VISIT_MS = exports.DEFAULT_BASELINE_NOISE = exports.BASELINE_LOOKBACK_MS = void 0;
exports.baselineBefore = baselineBefore;
const intervention_catalogue_1 = require("./intervention-catalogue");
const statistics_1 = require("./statistics");
exports.BASELINE_LOOKBACK_MS = 14 * intervention_catalogue_1.TIME.DAY;
exports.DEFAULT_BASELINE_NOISE = 1.5;
exports.SAME_DAY_VISIT_MS = 12 * intervention_catalogue_1.TIME.HOUR;
function baselineBefore(performedAt, scores, visits) {
    const end = performedAt.getTime();
    const values = scores
        .filter((reading) => {
        const at = reading.recordedAt.getTime();
        return at >= end - exports.BASELINE_LOOKBACK_MS && at < end;
    })
        .map((reading) => reading.score);
    if (values.length > 0) {
        return { value: (0, statistics_1.median)(values), noise: (0, statistics_1.roundTo)(noiseOf(values), 2), n: values.length, source: 'diary' };
    }
    const visit = closestClinicVisitBefore(end, visits);
    if (visit)
        return { value: visit.clinicPain, noise: exports.DEFAULT_BASELINE_NOISE, n: 1, source: 'clinic_visit' };
    return null;
}
function noiseOf(values) {
    return values.length >= 3 ? (0, statistics_1.sampleStandardDeviation)(values) : exports.DEFAULT_BASELINE_NOISE;
}
function closestClinicVisitBefore(end, visits) {
    return visits
        .filter((visit) => visit.clinicPain !== null && visit.clinicPain !== undefined)
        .filter((visit) => visit.occurredAt.getTime() <= end && visit.occurredAt.getTime() >= end - exports.SAME_DAY_VISIT_MS)
        .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime())[0];
}
//# sourceMappingURL=baseline.js.map