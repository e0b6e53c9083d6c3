"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ALGORITHM_VERSION = void 0;
exports.evaluatePatient = evaluatePatient;
const attribution_1 = require("./attribution");
const clinical_picture_1 = require("./clinical-picture");
const pain_model_1 = require("./pain-model");
const response_assessment_1 = require("./response-assessment");
exports.ALGORITHM_VERSION = 'relieftrace-response-2025.1';
function evaluatePatient(input) {
    const scores = [...input.scores].sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime() || a.score - b.score);
    const interventions = [...input.interventions].sort((a, b) => a.performedAt.getTime() - b.performedAt.getTime() || a.id.localeCompare(b.id));
    const visits = [...input.visits].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.id.localeCompare(b.id));
    const assessments = interventions.map((intervention) => (0, response_assessment_1.assessResponse)(intervention, { scores, visits, interventions }));
    const clinicalPicture = (0, clinical_picture_1.clinicalPictureOf)(visits);
    const attribution = (0, attribution_1.attributeSource)({
        indexKnee: input.indexKnee,
        interventions,
        assessments,
        fit: (0, pain_model_1.fitPainModel)(scores, interventions),
        clinicalPicture,
        algorithmVersion: exports.ALGORITHM_VERSION,
    });
    return { assessments, attribution };
}
//# sourceMappingURL=evaluate-patient.js.map