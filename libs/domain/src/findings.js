"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EMG_RESULTS = exports.LUMBAR_MRI_FINDINGS = exports.FINDING_GROUPS = exports.FINDING_STATES = void 0;
exports.FINDING_STATES = ['present', 'absent', 'not_assessed'];
exports.FINDING_GROUPS = {
    location: ['anterior', 'medial', 'lateral', 'posterior', 'diffuse', 'radiationFromBackOrButtock', 'painBelowKnee'],
    character: ['burning', 'shooting', 'sharp', 'aching', 'waxingWaningWithFlares', 'steadyMechanical'],
    aggravatedBy: ['weightBearing', 'stairs', 'squatting', 'prolongedStanding', 'sitting', 'coughSneeze'],
    history: ['stiffnessAfterInactivity', 'crepitus', 'kneeTrauma', 'lowBackPain'],
    exam: [
        'jointLineTenderness', 'effusion', 'crepitusOnMotion', 'mcmurray', 'patellarGrind', 'painReproducedBySquatOrPalpation',
        'straightLegRaise', 'crossedStraightLegRaise', 'femoralNerveStretch', 'motorWeakness',
    ],
    kneeMri: ['meniscalTear', 'cartilageLoss', 'ligamentInjury'],
};
exports.LUMBAR_MRI_FINDINGS = ['disc_herniation', 'foraminal_stenosis', 'central_stenosis'];
exports.EMG_RESULTS = ['normal', 'radiculopathy', 'not_done'];
//# sourceMappingURL=findings.js.map