"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DIAGNOSTIC_STRONG_PCT = exports.DIAGNOSTIC_POSITIVE_PCT = exports.WORSE_POINTS = exports.PARTIAL_POINTS = exports.PARTIAL_PCT = exports.RESPONDER_PCT = exports.MCID_POINTS = exports.THERAPEUTIC_CATEGORIES = exports.DIAGNOSTIC_CATEGORIES = void 0;
exports.reliefPercent = reliefPercent;
exports.diagnosticCategory = diagnosticCategory;
exports.therapeuticCategory = therapeuticCategory;
exports.isFavourable = isFavourable;
exports.DIAGNOSTIC_CATEGORIES = ['strongly_positive', 'positive', 'negative'];
exports.THERAPEUTIC_CATEGORIES = ['responder', 'partial', 'non_responder', 'worse'];
exports.MCID_POINTS = 2;
exports.RESPONDER_PCT = 30;
exports.PARTIAL_PCT = 15;
exports.PARTIAL_POINTS = 1;
exports.WORSE_POINTS = 2;
exports.DIAGNOSTIC_POSITIVE_PCT = 50;
exports.DIAGNOSTIC_STRONG_PCT = 80;
function reliefPercent(relief, baseline) {
    return baseline > 0 ? (relief * 100) / baseline : null;
}
function diagnosticCategory(peakReliefPct) {
    if (peakReliefPct === null)
        return 'negative';
    if (peakReliefPct >= exports.DIAGNOSTIC_STRONG_PCT)
        return 'strongly_positive';
    if (peakReliefPct >= exports.DIAGNOSTIC_POSITIVE_PCT)
        return 'positive';
    return 'negative';
}
function therapeuticCategory(reliefPoints, reliefPct) {
    if (reliefPoints <= -exports.WORSE_POINTS)
        return 'worse';
    if (reliefPct !== null && reliefPct >= exports.RESPONDER_PCT && reliefPoints >= exports.MCID_POINTS)
        return 'responder';
    if ((reliefPct !== null && reliefPct >= exports.PARTIAL_PCT) || reliefPoints >= exports.PARTIAL_POINTS)
        return 'partial';
    return 'non_responder';
}
function isFavourable(category) {
    return category === 'strongly_positive' || category === 'positive' || category === 'responder';
}
//# sourceMappingURL=response-category.js.map