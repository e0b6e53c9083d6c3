"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.LATERALITIES = exports.SPINAL_LEVELS = exports.INTERVENTION_CATALOGUE = exports.TIME = exports.PHASES = exports.KNOWN_AGENTS = exports.AGENT_CLASSES = exports.INTERVENTION_TYPES = exports.TARGETS = void 0;
exports.isInterventionType = isInterventionType;
exports.targetOf = targetOf;
exports.TARGETS = ['knee', 'spine', 'systemic'];
exports.INTERVENTION_TYPES = [
    'knee_anesthetic_injection',
    'knee_corticosteroid_injection',
    'knee_hyaluronic_acid',
    'knee_prp',
    'genicular_nerve_block',
    'knee_arthroscopy',
    'pt_quadriceps_strengthening',
    'transforaminal_esi',
    'interlaminar_esi',
    'caudal_esi',
    'selective_nerve_root_block',
    'pt_extension_mobilization',
    'lumbar_decompression',
    'oral_nsaid',
    'oral_corticosteroid',
    'gabapentinoid',
    'other',
];
exports.AGENT_CLASSES = ['local_anaesthetic', 'corticosteroid'];
exports.KNOWN_AGENTS = {
    lidocaine: 'local_anaesthetic',
    bupivacaine: 'local_anaesthetic',
    ropivacaine: 'local_anaesthetic',
    triamcinolone: 'corticosteroid',
    methylprednisolone: 'corticosteroid',
    dexamethasone: 'corticosteroid',
    betamethasone: 'corticosteroid',
};
exports.PHASES = ['anaesthetic', 'steroid', 'biologic', 'course', 'surgical', 'systemic'];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MINUTE = 60_000;
exports.TIME = { MINUTE, HOUR, DAY, WEEK };
exports.INTERVENTION_CATALOGUE = {
    knee_anesthetic_injection: { type: 'knee_anesthetic_injection', label: 'Knee local-anaesthetic (diagnostic) injection', target: 'knee', kind: 'injection', diagnostic: true, defaultAgents: ['lidocaine'], takesSpinalLevels: false },
    knee_corticosteroid_injection: { type: 'knee_corticosteroid_injection', label: 'Knee corticosteroid injection', target: 'knee', kind: 'injection', diagnostic: false, defaultAgents: ['lidocaine', 'triamcinolone'], takesSpinalLevels: false },
    knee_hyaluronic_acid: { type: 'knee_hyaluronic_acid', label: 'Knee hyaluronic acid injection', target: 'knee', kind: 'injection', diagnostic: false, defaultAgents: [], takesSpinalLevels: false },
    knee_prp: { type: 'knee_prp', label: 'Knee platelet-rich plasma (PRP) injection', target: 'knee', kind: 'injection', diagnostic: false, defaultAgents: [], takesSpinalLevels: false },
    genicular_nerve_block: { type: 'genicular_nerve_block', label: 'Genicular nerve block', target: 'knee', kind: 'injection', diagnostic: true, defaultAgents: ['bupivacaine'], takesSpinalLevels: false },
    knee_arthroscopy: { type: 'knee_arthroscopy', label: 'Knee arthroscopy', target: 'knee', kind: 'surgery', diagnostic: false, defaultAgents: [], takesSpinalLevels: false },
    pt_quadriceps_strengthening: { type: 'pt_quadriceps_strengthening', label: 'PT — quadriceps strengthening', target: 'knee', kind: 'course', diagnostic: false, defaultAgents: [], takesSpinalLevels: false },
    transforaminal_esi: { type: 'transforaminal_esi', label: 'Transforaminal epidural steroid injection', target: 'spine', kind: 'injection', diagnostic: false, defaultAgents: ['lidocaine', 'dexamethasone'], takesSpinalLevels: true },
    interlaminar_esi: { type: 'interlaminar_esi', label: 'Interlaminar epidural steroid injection', target: 'spine', kind: 'injection', diagnostic: false, defaultAgents: ['lidocaine', 'triamcinolone'], takesSpinalLevels: true },
    caudal_esi: { type: 'caudal_esi', label: 'Caudal epidural steroid injection', target: 'spine', kind: 'injection', diagnostic: false, defaultAgents: ['lidocaine', 'triamcinolone'], takesSpinalLevels: true },
    selective_nerve_root_block: { type: 'selective_nerve_root_block', label: 'Selective nerve root block (diagnostic)', target: 'spine', kind: 'injection', diagnostic: true, defaultAgents: ['bupivacaine'], takesSpinalLevels: true },
    pt_extension_mobilization: { type: 'pt_extension_mobilization', label: 'PT — extension / mobilisation', target: 'spine', kind: 'course', diagnostic: false, defaultAgents: [], takesSpinalLevels: false },
    lumbar_decompression: { type: 'lumbar_decompression', label: 'Lumbar decompression', target: 'spine', kind: 'surgery', diagnostic: false, defaultAgents: [], takesSpinalLevels: true },
    oral_nsaid: { type: 'oral_nsaid', label: 'Oral NSAID', target: 'systemic', kind: 'medication', diagnostic: false, defaultAgents: [], takesSpinalLevels: false },
    oral_corticosteroid: { type: 'oral_corticosteroid', label: 'Oral corticosteroid', target: 'systemic', kind: 'medication', diagnostic: false, defaultAgents: [], takesSpinalLevels: false },
    gabapentinoid: { type: 'gabapentinoid', label: 'Gabapentinoid', target: 'systemic', kind: 'medication', diagnostic: false, defaultAgents: [], takesSpinalLevels: false },
    other: { type: 'other', label: 'Other', target: 'systemic', kind: 'medication', diagnostic: false, defaultAgents: [], takesSpinalLevels: false },
};
exports.SPINAL_LEVELS = ['L1-L2', 'L2-L3', 'L3-L4', 'L4-L5', 'L5-S1'];
exports.LATERALITIES = ['left', 'right', 'bilateral'];
function isInterventionType(value) {
    return typeof value === 'string' && exports.INTERVENTION_TYPES.includes(value);
}
function targetOf(type) {
    return exports.INTERVENTION_CATALOGUE[type].target;
}
//# sourceMappingURL=intervention-catalogue.js.map