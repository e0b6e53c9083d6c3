"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.aimOf = aimOf;
const intervention_catalogue_1 = require("./intervention-catalogue");
const response_likelihood_1 = require("./response-likelihood");
const UNILATERAL_SHARE_OF_BILATERAL = 0.6;
const OFF_LEVEL_MISS_RATE = 0.7;
const WRONG_SIDE_MISS_RATE = 0.8;
const ROOT_SPECIFIC = ['selective_nerve_root_block', 'transforaminal_esi'];
const SEGMENTS_OF_ROOT = {
    'L3/L4': ['L2-L3', 'L3-L4', 'L4-L5'],
    'L5/S1': ['L4-L5', 'L5-S1'],
};
function aimOf(intervention, indexKnee, suggestedRootLevel) {
    const target = intervention_catalogue_1.INTERVENTION_CATALOGUE[intervention.type].target;
    const side = intervention.laterality ?? null;
    if (target === 'knee') {
        if (side && side !== 'bilateral' && indexKnee !== 'bilateral' && side !== indexKnee) {
            return { aim: response_likelihood_1.ON_TARGET, testsIndexKnee: false, caveat: `done on the ${side} knee; the index knee is the ${indexKnee}` };
        }
        if (indexKnee === 'bilateral' && side && side !== 'bilateral') {
            return {
                aim: { coverage: UNILATERAL_SHARE_OF_BILATERAL, missRate: 0 },
                testsIndexKnee: true,
                caveat: `only the ${side} knee treated while both knees hurt — partial relief expected`,
            };
        }
        return { aim: response_likelihood_1.ON_TARGET, testsIndexKnee: true, caveat: null };
    }
    if (target === 'spine' && ROOT_SPECIFIC.includes(intervention.type)) {
        if (side && side !== 'bilateral' && indexKnee !== 'bilateral' && side !== indexKnee) {
            return { aim: { coverage: 1, missRate: WRONG_SIDE_MISS_RATE }, testsIndexKnee: true, caveat: `${side}-sided, while the index knee is the ${indexKnee}` };
        }
        const levels = intervention.spinalLevels ?? [];
        if (suggestedRootLevel && levels.length > 0 && !levels.some((level) => SEGMENTS_OF_ROOT[suggestedRootLevel].includes(level))) {
            return {
                aim: { coverage: 1, missRate: OFF_LEVEL_MISS_RATE },
                testsIndexKnee: true,
                caveat: `at ${levels.join(', ')}, while the knee pain pattern points to the ${suggestedRootLevel} roots`,
            };
        }
    }
    return { aim: response_likelihood_1.ON_TARGET, testsIndexKnee: true, caveat: null };
}
//# sourceMappingURL=intervention-aim.js.map