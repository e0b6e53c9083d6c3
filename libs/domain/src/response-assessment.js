"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.minimumScoresFor = minimumScoresFor;
exports.assessResponse = assessResponse;
const baseline_1 = require("./baseline");
const confounding_1 = require("./confounding");
const intervention_catalogue_1 = require("./intervention-catalogue");
const response_category_1 = require("./response-category");
const statistics_1 = require("./statistics");
function minimumScoresFor(phase) {
    return phase === 'anaesthetic' ? 1 : 2;
}
function assessResponse(intervention, context) {
    const info = intervention_catalogue_1.INTERVENTION_CATALOGUE[intervention.type];
    const baseline = (0, baseline_1.baselineBefore)(intervention.performedAt, context.scores, context.visits);
    const timedWindows = (0, confounding_1.timedWindowsOf)(intervention);
    const windows = timedWindows.map((window) => assessWindow(window, context.scores, baseline));
    const confoundedBy = (0, confounding_1.confoundersOf)(intervention, context.interventions);
    const inAnyWindow = context.scores.filter((reading) => timedWindows.some((window) => covers(window, reading)));
    const peak = baseline ? peakOf(inAnyWindow, baseline.value, intervention.performedAt.getTime()) : null;
    const lastWindowEnd = Math.max(...timedWindows.map((window) => window.toAt));
    return {
        interventionId: intervention.id,
        type: intervention.type,
        target: info.target,
        diagnostic: info.diagnostic,
        performedAt: intervention.performedAt.toISOString(),
        status: windows.some((window) => window.category !== 'insufficient_data') ? 'assessed' : 'insufficient_data',
        baseline,
        windows,
        category: headlineCategory(windows, info.diagnostic),
        peakReliefPct: peak ? (0, statistics_1.roundTo)(peak.reliefPct, 1) : null,
        timeToPeakHours: peak ? (0, statistics_1.roundTo)(peak.hoursAfter, 2) : null,
        durationDays: baseline ? durationOf(context.scores, baseline.value, intervention.performedAt.getTime(), lastWindowEnd) : null,
        confounded: confoundedBy.length > 0,
        confoundedBy,
    };
}
function assessWindow(window, scores, baseline) {
    const values = scores.filter((reading) => covers(window, reading)).map((reading) => reading.score);
    const windowMedian = (0, statistics_1.median)(values);
    const readable = baseline !== null && windowMedian !== null && values.length >= minimumScoresFor(window.phase);
    const relief = readable ? baseline.value - windowMedian : null;
    const reliefPct = relief !== null ? (0, response_category_1.reliefPercent)(relief, baseline.value) : null;
    const peakReliefPct = readable ? (0, response_category_1.reliefPercent)(baseline.value - Math.min(...values), baseline.value) : null;
    let category = 'insufficient_data';
    if (relief !== null)
        category = window.phase === 'anaesthetic' ? (0, response_category_1.diagnosticCategory)(peakReliefPct) : (0, response_category_1.therapeuticCategory)(relief, reliefPct);
    return {
        phase: window.phase,
        label: window.label,
        from: new Date(window.fromAt).toISOString(),
        to: new Date(window.toAt).toISOString(),
        n: values.length,
        median: windowMedian,
        relief,
        reliefPct: reliefPct === null ? null : (0, statistics_1.roundTo)(reliefPct, 1),
        peakReliefPct: peakReliefPct === null ? null : (0, statistics_1.roundTo)(peakReliefPct, 1),
        category,
    };
}
function headlineCategory(windows, diagnostic) {
    const readable = windows.filter((window) => window.category !== 'insufficient_data');
    const anaesthetic = readable.find((window) => window.phase === 'anaesthetic');
    const therapeutic = readable.find((window) => window.phase !== 'anaesthetic');
    const headline = diagnostic ? (anaesthetic ?? therapeutic) : (therapeutic ?? anaesthetic);
    return headline?.category ?? 'insufficient_data';
}
function covers(window, reading) {
    const at = reading.recordedAt.getTime();
    return at >= window.fromAt && at <= window.toAt;
}
function peakOf(readings, baseline, performedAt) {
    if (readings.length === 0 || baseline <= 0)
        return null;
    const best = [...readings].sort((a, b) => a.score - b.score || a.recordedAt.getTime() - b.recordedAt.getTime())[0];
    return { reliefPct: (0, response_category_1.reliefPercent)(baseline - best.score, baseline), hoursAfter: (best.recordedAt.getTime() - performedAt) / intervention_catalogue_1.TIME.HOUR };
}
function durationOf(scores, baseline, performedAt, horizon) {
    const relievedTimes = scores
        .filter((reading) => reading.recordedAt.getTime() > performedAt && reading.recordedAt.getTime() <= horizon)
        .filter((reading) => ((0, response_category_1.reliefPercent)(baseline - reading.score, baseline) ?? 0) >= response_category_1.RESPONDER_PCT)
        .map((reading) => reading.recordedAt.getTime());
    if (relievedTimes.length === 0)
        return null;
    return (0, statistics_1.roundTo)((Math.max(...relievedTimes) - performedAt) / intervention_catalogue_1.TIME.DAY, 2);
}
//# sourceMappingURL=response-assessment.js.map