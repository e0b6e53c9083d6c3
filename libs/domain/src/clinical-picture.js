"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.clinicalPictureOf = clinicalPictureOf;
exports.rootLevelFor = rootLevelFor;
const KNEE_FINDINGS = [
    'aggravatedBy.weightBearing', 'aggravatedBy.stairs', 'aggravatedBy.squatting', 'aggravatedBy.prolongedStanding',
    'character.steadyMechanical',
    'history.stiffnessAfterInactivity', 'history.crepitus', 'history.kneeTrauma',
    'exam.jointLineTenderness', 'exam.effusion', 'exam.crepitusOnMotion', 'exam.mcmurray', 'exam.patellarGrind',
    'exam.painReproducedBySquatOrPalpation',
    'kneeMri.meniscalTear', 'kneeMri.cartilageLoss', 'kneeMri.ligamentInjury',
];
const RADICULAR_FINDINGS = [
    'location.radiationFromBackOrButtock', 'location.painBelowKnee',
    'character.burning', 'character.shooting', 'character.sharp', 'character.waxingWaningWithFlares',
    'aggravatedBy.sitting', 'aggravatedBy.coughSneeze',
    'history.lowBackPain',
    'exam.straightLegRaise', 'exam.crossedStraightLegRaise', 'exam.femoralNerveStretch', 'exam.motorWeakness',
];
const KL_OSTEOARTHRITIS = 2;
const LEAN_MARGIN = 2;
const UPPER_ROOT_LOCATIONS = ['anterior', 'medial'];
const LOWER_ROOT_LOCATIONS = ['lateral', 'posterior'];
function clinicalPictureOf(visits) {
    const ordered = [...visits].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.id.localeCompare(b.id));
    const present = (key) => latestState(ordered, key) === 'present';
    const kneeFindingNames = KNEE_FINDINGS.filter(present).map(String);
    const radicularFindingNames = RADICULAR_FINDINGS.filter(present).map(String);
    const imaging = latestImaging(ordered);
    if (imaging.kellgrenLawrence !== undefined && imaging.kellgrenLawrence >= KL_OSTEOARTHRITIS) {
        kneeFindingNames.push(`imaging.kneeXray.KL${imaging.kellgrenLawrence}`);
    }
    for (const lesion of imaging.lumbarLesions)
        radicularFindingNames.push(`imaging.lumbarMri.${lesion}`);
    if (imaging.emg === 'radiculopathy')
        radicularFindingNames.push('imaging.emg.radiculopathy');
    const painLocations = ['anterior', 'medial', 'lateral', 'posterior', 'diffuse'].filter((location) => present(`location.${location}`));
    return {
        kneeFindings: kneeFindingNames.length,
        radicularFindings: radicularFindingNames.length,
        kneeFindingNames,
        radicularFindingNames,
        lean: leanOf(kneeFindingNames.length, radicularFindingNames.length),
        suggestedRootLevel: rootLevelFor(painLocations),
        painLocations,
        agreesWithResponse: null,
    };
}
function leanOf(knee, radicular) {
    if (knee === 0 && radicular === 0)
        return 'unknown';
    if (knee >= radicular + LEAN_MARGIN)
        return 'knee';
    if (radicular >= knee + LEAN_MARGIN)
        return 'spine';
    return 'balanced';
}
function rootLevelFor(painLocations) {
    const upper = painLocations.filter((location) => UPPER_ROOT_LOCATIONS.includes(location)).length;
    const lower = painLocations.filter((location) => LOWER_ROOT_LOCATIONS.includes(location)).length;
    if (upper > lower)
        return 'L3/L4';
    if (lower > upper)
        return 'L5/S1';
    return null;
}
function latestState(visits, key) {
    const [group, name] = key.split('.');
    let state;
    for (const visit of visits) {
        const value = findingsOfGroup(visit.findings, group)?.[name];
        if (value === 'present' || value === 'absent')
            state = value;
    }
    return state;
}
function findingsOfGroup(findings, group) {
    if (group === 'kneeMri')
        return findings.imaging?.kneeMri;
    return findings[group];
}
function latestImaging(visits) {
    let kellgrenLawrence;
    let lumbarLesions = [];
    let emg;
    for (const visit of visits) {
        const imaging = visit.findings.imaging;
        if (!imaging)
            continue;
        if (imaging.kneeXrayKellgrenLawrence !== undefined)
            kellgrenLawrence = imaging.kneeXrayKellgrenLawrence;
        if (imaging.lumbarMri)
            lumbarLesions = imaging.lumbarMri.map((lesion) => `${lesion.finding}.${lesion.level}`);
        if (imaging.emg && imaging.emg !== 'not_done')
            emg = imaging.emg;
    }
    return { kellgrenLawrence, lumbarLesions, emg };
}
//# sourceMappingURL=clinical-picture.js.map