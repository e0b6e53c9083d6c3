"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.timedWindowsOf = timedWindowsOf;
exports.confoundersOf = confoundersOf;
const response_window_1 = require("./response-window");
function timedWindowsOf(intervention) {
    const start = intervention.performedAt.getTime();
    return (0, response_window_1.responseWindows)(intervention).map((window) => ({ ...window, fromAt: start + window.fromMs, toAt: start + window.toMs }));
}
function confoundersOf(intervention, all) {
    const own = timedWindowsOf(intervention);
    return all
        .filter((other) => other.id !== intervention.id)
        .filter((other) => timedWindowsOf(other).some((theirs) => own.some((mine) => overlaps(mine, theirs))))
        .sort((a, b) => a.performedAt.getTime() - b.performedAt.getTime() || a.id.localeCompare(b.id))
        .map((other) => ({ interventionId: other.id, type: other.type }));
}
function overlaps(a, b) {
    return a.fromAt <= b.toAt && b.fromAt <= a.toAt;
}
//# sourceMappingURL=confounding.js.map