"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MEDIAL_KNEE_FINDINGS = exports.MEDIAL_RADICULAR_FINDINGS = exports.MORNING_MS = exports.DAY_0 = void 0;
exports.at = at;
exports.diary = diary;
exports.hoursAfter = hoursAfter;
exports.intervention = intervention;
exports.visit = visit;
exports.patient = patient;
const intervention_catalogue_1 = require("./intervention-catalogue");
exports.DAY_0 = Date.UTC(2025, 2, 3, 0, 0, 0);
exports.MORNING_MS = 9 * intervention_catalogue_1.TIME.HOUR;
function at(day, hours = 9) {
    return new Date(exports.DAY_0 + day * intervention_catalogue_1.TIME.DAY + hours * intervention_catalogue_1.TIME.HOUR);
}
const WOBBLE = [0, 1, -1, 0, 1, 0, -1];
function diary(fromDay, toDay, painOn, options = {}) {
    const readings = [];
    for (let day = fromDay; day <= toDay; day++) {
        if (options.skip?.(day))
            continue;
        const wobble = options.wobble === false ? 0 : WOBBLE[((day % 7) + 7) % 7];
        readings.push({ score: Math.max(0, Math.min(10, Math.round(painOn(day) + wobble))), recordedAt: at(day), source: 'sms_link' });
    }
    return readings;
}
function hoursAfter(day, performedAtHour, hours, score) {
    return hours.map((h) => ({ score, recordedAt: at(day, performedAtHour + h), source: 'sms_link' }));
}
function intervention(id, type, day, extra = {}) {
    return { id, type, performedAt: at(day, extra.performedAt ? 0 : 10), ...extra };
}
function visit(id, day, findings, clinicPain = null) {
    return { id, occurredAt: at(day, 8), clinicPain, findings };
}
exports.MEDIAL_RADICULAR_FINDINGS = {
    location: { medial: 'present', radiationFromBackOrButtock: 'present', painBelowKnee: 'present' },
    character: { burning: 'present', waxingWaningWithFlares: 'present' },
    history: { lowBackPain: 'present' },
    exam: { femoralNerveStretch: 'present', jointLineTenderness: 'absent', effusion: 'absent' },
};
exports.MEDIAL_KNEE_FINDINGS = {
    location: { medial: 'present' },
    aggravatedBy: { stairs: 'present', weightBearing: 'present' },
    history: { stiffnessAfterInactivity: 'present', crepitus: 'present' },
    exam: { jointLineTenderness: 'present', mcmurray: 'present', straightLegRaise: 'absent' },
    imaging: { kneeXrayKellgrenLawrence: 3 },
};
function patient(parts) {
    return { indexKnee: 'right', visits: [], ...parts };
}
//# sourceMappingURL=patient-scenario.fixture.js.map