"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MIGRATIONS = void 0;
const _1764090000000_clinical_record_schema_1 = require("./1764090000000-clinical-record-schema");
exports.MIGRATIONS = [_1764090000000_clinical_record_schema_1.ClinicalRecordSchema1764090000000];
//# sourceMappingURL=index.js.map