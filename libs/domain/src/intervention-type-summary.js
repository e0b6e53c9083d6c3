"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.interventionTypeSummaries = interventionTypeSummaries;
const intervention_catalogue_1 = require("./intervention-catalogue");
const response_window_1 = require("./response-window");
function interventionTypeSummaries() {
    return intervention_catalogue_1.INTERVENTION_TYPES.map((type) => {
        const info = intervention_catalogue_1.INTERVENTION_CATALOGUE[type];
        return {
            type,
            label: info.label,
            target: info.target,
            diagnostic: info.diagnostic,
            defaultAgents: [...info.defaultAgents],
            takesSpinalLevels: info.takesSpinalLevels,
            windows: (0, response_window_1.responseWindows)({ type }),
        };
    });
}
//# sourceMappingURL=intervention-type-summary.js.map