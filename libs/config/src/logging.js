"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.loggerParams = loggerParams;
exports.safePath = safePath;
const node_crypto_1 = require("node:crypto");
function loggerParams(config, name) {
    return {
        pinoHttp: {
            name,
            level: config.LOG_LEVEL,
            genReqId: (req, res) => {
                const given = req.headers['x-request-id'];
                const id = typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : (0, node_crypto_1.randomUUID)();
                res.setHeader('x-request-id', id);
                return id;
            },
            autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
            redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', 'req.headers["x-csrf-token"]'], censor: '[redacted]' },
            serializers: {
                req: (req) => ({ id: req.id, method: req.method, path: safePath(req.url) }),
                res: (res) => ({ statusCode: res.statusCode }),
            },
        },
    };
}
function safePath(url) {
    const path = url.split('?')[0];
    return path.replace(/^\/s\/[^/]+/, '/s/[token]');
}
//# sourceMappingURL=logging.js.map