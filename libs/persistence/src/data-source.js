"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const config_1 = require("../../config/src/index.js");
const database_1 = require("./database");
exports.default = (0, database_1.createDataSource)((0, config_1.loadConfig)().DATABASE_URL, { applicationName: 'relieftrace-migrations' });
//# sourceMappingURL=data-source.js.map