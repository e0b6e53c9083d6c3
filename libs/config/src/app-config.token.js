"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.APP_CONFIG = void 0;
exports.APP_CONFIG = Symbol('APP_CONFIG');
//# sourceMappingURL=app-config.token.js.map