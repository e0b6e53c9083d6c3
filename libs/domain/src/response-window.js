"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ASSUMED_COURSE_LENGTH_MS = void 0;
exports.agentClassesOf = agentClassesOf;
exports.responseWindows = responseWindows;
const intervention_catalogue_1 = require("./intervention-catalogue");
const { MINUTE, HOUR, DAY, WEEK } = intervention_catalogue_1.TIME;
exports.ASSUMED_COURSE_LENGTH_MS = 6 * WEEK;
const ANAESTHETIC = { phase: 'anaesthetic', fromMs: 15 * MINUTE, toMs: 6 * HOUR, label: '15 min – 6 h' };
const SPINE_STEROID = { phase: 'steroid', fromMs: 3 * DAY, toMs: 28 * DAY, label: 'day 3 – day 28' };
const KNEE_STEROID = { phase: 'steroid', fromMs: 3 * DAY, toMs: 42 * DAY, label: 'day 3 – day 42' };
const BIOLOGIC = { phase: 'biologic', fromMs: 4 * WEEK, toMs: 26 * WEEK, label: 'week 4 – week 26' };
const SURGICAL = { phase: 'surgical', fromMs: 6 * WEEK, toMs: 12 * WEEK, label: 'week 6 – week 12' };
const SYSTEMIC = { phase: 'systemic', fromMs: 3 * DAY, toMs: 14 * DAY, label: 'day 3 – day 14' };
function agentClassesOf(intervention) {
    const recorded = intervention.agents ?? [];
    const agents = recorded.length > 0 ? recorded : intervention_catalogue_1.INTERVENTION_CATALOGUE[intervention.type].defaultAgents;
    const classes = new Set();
    for (const agent of agents) {
        const agentClass = intervention_catalogue_1.KNOWN_AGENTS[agent.trim().toLowerCase()];
        if (agentClass)
            classes.add(agentClass);
    }
    return classes;
}
function responseWindows(intervention) {
    const info = intervention_catalogue_1.INTERVENTION_CATALOGUE[intervention.type];
    switch (info.kind) {
        case 'injection': {
            const classes = agentClassesOf(intervention);
            const windows = [];
            if (classes.has('local_anaesthetic'))
                windows.push(ANAESTHETIC);
            if (classes.has('corticosteroid'))
                windows.push(info.target === 'knee' ? KNEE_STEROID : SPINE_STEROID);
            if (intervention.type === 'knee_hyaluronic_acid' || intervention.type === 'knee_prp')
                windows.push(BIOLOGIC);
            return windows;
        }
        case 'course':
            return [courseWindow(intervention)];
        case 'surgery':
            return [SURGICAL];
        case 'medication':
            return [SYSTEMIC];
    }
}
function courseWindow(intervention) {
    const recordedLength = intervention.performedAt && intervention.endedAt ? intervention.endedAt.getTime() - intervention.performedAt.getTime() : null;
    const lengthMs = recordedLength !== null && recordedLength >= 0 ? recordedLength : exports.ASSUMED_COURSE_LENGTH_MS;
    return {
        phase: 'course',
        fromMs: 2 * WEEK,
        toMs: Math.max(2 * WEEK, lengthMs + 2 * WEEK),
        label: recordedLength !== null && recordedLength >= 0 ? 'week 3 of the course – 2 weeks after its end' : 'week 3 of the course – 2 weeks after its end (6-week course assumed)',
    };
}
//# sourceMappingURL=response-window.js.map