"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PAIN_SCORE_MAX = exports.PAIN_SCORE_MIN = exports.PAIN_SCORE_SOURCES = void 0;
exports.PAIN_SCORE_SOURCES = ['sms_link', 'sms_reply', 'clinic', 'api', 'import'];
exports.PAIN_SCORE_MIN = 0;
exports.PAIN_SCORE_MAX = 10;
//# sourceMappingURL=pain-score.js.map