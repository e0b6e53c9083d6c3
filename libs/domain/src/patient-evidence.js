"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=patient-evidence.js.map