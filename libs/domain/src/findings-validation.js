"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.findingsProblems = findingsProblems;
const findings_1 = require("./findings");
const LUMBAR_LEVELS = ['L2-L3', 'L3-L4', 'L4-L5', 'L5-S1'];
const LESION_SIDES = ['left', 'right', 'central', 'bilateral'];
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const oneOf = (values) => values.join(', ');
function findingsProblems(findings) {
    if (!isObject(findings))
        return ['findings must be an object'];
    const problems = [];
    const known = new Set([...Object.keys(findings_1.FINDING_GROUPS), 'imaging']);
    for (const key of Object.keys(findings))
        if (!known.has(key))
            problems.push(`findings.${key} is not a finding group (expected one of: ${oneOf([...known])})`);
    for (const [group, names] of Object.entries(findings_1.FINDING_GROUPS)) {
        if (group === 'kneeMri' || findings[group] === undefined)
            continue;
        problems.push(...stateGroupProblems(`findings.${group}`, findings[group], names));
    }
    if (findings.imaging !== undefined)
        problems.push(...imagingProblems(findings.imaging));
    return problems;
}
function stateGroupProblems(path, value, names) {
    if (!isObject(value))
        return [`${path} must be an object`];
    return Object.entries(value).flatMap(([name, state]) => {
        if (!names.includes(name))
            return [`${path}.${name} is not a known finding (expected one of: ${oneOf(names)})`];
        if (!findings_1.FINDING_STATES.includes(state))
            return [`${path}.${name} must be one of: ${oneOf(findings_1.FINDING_STATES)}`];
        return [];
    });
}
function imagingProblems(imaging) {
    if (!isObject(imaging))
        return ['findings.imaging must be an object'];
    const problems = [];
    for (const key of Object.keys(imaging)) {
        if (!['kneeXrayKellgrenLawrence', 'kneeMri', 'lumbarMri', 'emg'].includes(key))
            problems.push(`findings.imaging.${key} is not a known imaging result`);
    }
    const kl = imaging.kneeXrayKellgrenLawrence;
    if (kl !== undefined && !(Number.isInteger(kl) && kl >= 0 && kl <= 4)) {
        problems.push('findings.imaging.kneeXrayKellgrenLawrence must be a Kellgren–Lawrence grade 0–4');
    }
    if (imaging.kneeMri !== undefined)
        problems.push(...stateGroupProblems('findings.imaging.kneeMri', imaging.kneeMri, findings_1.FINDING_GROUPS.kneeMri));
    if (imaging.emg !== undefined && !findings_1.EMG_RESULTS.includes(imaging.emg)) {
        problems.push(`findings.imaging.emg must be one of: ${oneOf(findings_1.EMG_RESULTS)}`);
    }
    if (imaging.lumbarMri !== undefined) {
        if (!Array.isArray(imaging.lumbarMri) || imaging.lumbarMri.length > 10)
            problems.push('findings.imaging.lumbarMri must be a list of at most 10 lesions');
        else
            imaging.lumbarMri.forEach((lesion, i) => problems.push(...lesionProblems(`findings.imaging.lumbarMri.${i}`, lesion)));
    }
    return problems;
}
function lesionProblems(path, lesion) {
    if (!isObject(lesion))
        return [`${path} must be an object`];
    const problems = [];
    for (const key of Object.keys(lesion))
        if (!['finding', 'level', 'side'].includes(key))
            problems.push(`${path}.${key} is not a lesion field`);
    if (!findings_1.LUMBAR_MRI_FINDINGS.includes(lesion.finding))
        problems.push(`${path}.finding must be one of: ${oneOf(findings_1.LUMBAR_MRI_FINDINGS)}`);
    if (!LUMBAR_LEVELS.includes(lesion.level))
        problems.push(`${path}.level must be one of: ${oneOf(LUMBAR_LEVELS)}`);
    if (!LESION_SIDES.includes(lesion.side))
        problems.push(`${path}.side must be one of: ${oneOf(LESION_SIDES)}`);
    return problems;
}
//# sourceMappingURL=findings-validation.js.map