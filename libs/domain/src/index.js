"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __exportStar = (this && this.__exportStar) || function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
};
Object.defineProperty(exports, "__esModule", { value: true });
__exportStar(require("./intervention-catalogue"), exports);
__exportStar(require("./findings"), exports);
__exportStar(require("./pain-score"), exports);
__exportStar(require("./patient-evidence"), exports);
__exportStar(require("./response-window"), exports);
__exportStar(require("./intervention-type-summary"), exports);
__exportStar(require("./baseline"), exports);
__exportStar(require("./response-category"), exports);
__exportStar(require("./confounding"), exports);
__exportStar(require("./response-assessment"), exports);
__exportStar(require("./clinical-picture"), exports);
__exportStar(require("./attribution"), exports);
__exportStar(require("./evaluate-patient"), exports);
__exportStar(require("./findings-validation"), exports);
//# sourceMappingURL=index.js.map