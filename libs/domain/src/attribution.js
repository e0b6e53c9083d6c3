"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MIN_STATED_PROBABILITY = exports.CONFOUNDED_SE_FACTOR = exports.LIKELIHOOD_TEMPER = exports.SOURCE_PRIOR = exports.PAIN_SOURCES = void 0;
exports.attributeSource = attributeSource;
const intervention_catalogue_1 = require("./intervention-catalogue");
const intervention_aim_1 = require("./intervention-aim");
const response_likelihood_1 = require("./response-likelihood");
const statistics_1 = require("./statistics");
const suggestion_1 = require("./suggestion");
exports.PAIN_SOURCES = ['knee', 'spine', 'mixed', 'neither'];
const LEVELS = {
    knee: { knee: 'full', spine: 'none' },
    spine: { knee: 'none', spine: 'full' },
    mixed: { knee: 'partial', spine: 'partial' },
    neither: { knee: 'none', spine: 'none' },
};
exports.SOURCE_PRIOR = { knee: 0.35, spine: 0.3, mixed: 0.15, neither: 0.2 };
exports.LIKELIHOOD_TEMPER = 0.8;
exports.CONFOUNDED_SE_FACTOR = 1.5;
const DIAGNOSTIC_WEIGHT = 2;
exports.MIN_STATED_PROBABILITY = 0.6;
function attributeSource(input) {
    const ordered = [...input.interventions].sort((a, b) => a.performedAt.getTime() - b.performedAt.getTime() || a.id.localeCompare(b.id));
    const assessmentOf = new Map(input.assessments.map((assessment) => [assessment.interventionId, assessment]));
    const evidence = ordered.map((intervention) => evidenceFor(intervention, assessmentOf.get(intervention.id), input.fit?.effects ?? [], input.indexKnee, input.clinicalPicture));
    const voting = evidence.filter((entry) => 'logLikelihood' in entry);
    shareWeights(voting);
    const posterior = posteriorOf(voting);
    const tested = { knee: voting.some((v) => v.target === 'knee'), spine: voting.some((v) => v.target === 'spine') };
    const leadingSource = exports.PAIN_SOURCES.reduce((best, source) => (posterior[source] > posterior[best] ? source : best), 'knee');
    const classification = statable(leadingSource, tested) && posterior[leadingSource] >= exports.MIN_STATED_PROBABILITY ? leadingSource : 'inconclusive';
    const knee = summarise('knee', voting, posterior);
    const spine = summarise('spine', voting, posterior);
    const clinicalPicture = { ...input.clinicalPicture, agreesWithResponse: agreement(classification, input.clinicalPicture) };
    const items = evidence.map((entry) => ('item' in entry ? entry.item : entry));
    return {
        classification,
        probability: (0, statistics_1.roundTo)(posterior[leadingSource], 3),
        leadingSource,
        posterior: Object.fromEntries(exports.PAIN_SOURCES.map((source) => [source, (0, statistics_1.roundTo)(posterior[source], 3)])),
        knee,
        spine,
        evidence: items,
        clinicalPicture,
        suggestion: classification === 'inconclusive'
            ? (0, suggestion_1.suggestNextStep)({ knee, spine, leadingSource, probability: posterior[leadingSource], evidence: items, clinicalPicture })
            : null,
        trendPerMonth: input.fit ? (0, statistics_1.roundTo)(input.fit.trendPerMonth, 2) : null,
        algorithmVersion: input.algorithmVersion,
    };
}
function evidenceFor(intervention, assessment, effects, indexKnee, picture) {
    const info = intervention_catalogue_1.INTERVENTION_CATALOGUE[intervention.type];
    const own = effects.filter((effect) => effect.interventionId === intervention.id);
    const confounded = assessment.confounded;
    const seFactor = confounded ? exports.CONFOUNDED_SE_FACTOR : 1;
    const pooled = poolPhases(own, info.diagnostic, seFactor);
    const base = {
        interventionId: intervention.id,
        type: intervention.type,
        target: info.target,
        reliefPct: pooled ? (0, statistics_1.roundTo)(pooled.reliefPct, 1) : null,
        se: pooled ? (0, statistics_1.roundTo)(pooled.se, 1) : null,
        weight: 0,
        likelihoodRatio: null,
        confounded,
    };
    if (info.target === 'systemic') {
        return { ...base, note: 'systemic treatment: votes for neither target; its window is modelled so its relief is not credited to knee or spine care' };
    }
    if (!pooled)
        return { ...base, note: 'too few pain scores in its response windows to read' };
    const { aim, testsIndexKnee, caveat } = (0, intervention_aim_1.aimOf)(intervention, indexKnee, picture.suggestedRootLevel);
    if (!testsIndexKnee)
        return { ...base, note: `${caveat} — does not test the index knee` };
    const logLikelihood = {
        none: (0, response_likelihood_1.interventionLogLikelihood)(own, aim, 'none', seFactor),
        partial: (0, response_likelihood_1.interventionLogLikelihood)(own, aim, 'partial', seFactor),
        full: (0, response_likelihood_1.interventionLogLikelihood)(own, aim, 'full', seFactor),
    };
    const notes = [phaseNote(own, info.diagnostic)];
    if (caveat)
        notes.push(caveat);
    if (confounded)
        notes.push(`confounded by ${assessment.confoundedBy.map((other) => other.type).join(', ')} — weight reduced`);
    return {
        item: { ...base, likelihoodRatio: (0, statistics_1.roundTo)(Math.exp(logLikelihood.full - logLikelihood.none), 2), note: notes.join('; ') },
        target: info.target,
        logLikelihood,
        pooledReliefPct: pooled.reliefPct,
        pooledPrecision: pooled.precision,
    };
}
function poolPhases(effects, diagnostic, seFactor) {
    if (effects.length === 0)
        return null;
    let precision = 0;
    let weighted = 0;
    for (const effect of effects) {
        const weight = (diagnostic && effect.phase === 'anaesthetic' ? DIAGNOSTIC_WEIGHT : 1) / (effect.sePct * seFactor) ** 2;
        precision += weight;
        weighted += weight * effect.reliefPct;
    }
    return { reliefPct: weighted / precision, se: 1 / Math.sqrt(precision), precision };
}
function phaseNote(effects, diagnostic) {
    return effects
        .map((effect) => {
        const strength = diagnostic && effect.phase === 'anaesthetic' ? ' (diagnostic block: strong evidence)' : '';
        return `${effect.phase} phase ${Math.round(effect.reliefPct)} % ± ${Math.round(effect.sePct)} % relief from ${effect.n} scores${strength}`;
    })
        .join('; ');
}
function shareWeights(voting) {
    for (const target of ['knee', 'spine']) {
        const ofTarget = voting.filter((v) => v.target === target);
        const total = ofTarget.reduce((sum, v) => sum + v.pooledPrecision, 0);
        for (const v of ofTarget)
            v.item.weight = (0, statistics_1.roundTo)(v.pooledPrecision / total, 3);
    }
}
function posteriorOf(voting) {
    const logPosterior = exports.PAIN_SOURCES.map((source) => Math.log(exports.SOURCE_PRIOR[source]) +
        exports.LIKELIHOOD_TEMPER * voting.reduce((sum, v) => sum + v.logLikelihood[LEVELS[source][v.target]], 0));
    const normaliser = (0, statistics_1.logSumExp)(logPosterior);
    return Object.fromEntries(exports.PAIN_SOURCES.map((source, i) => [source, Math.exp(logPosterior[i] - normaliser)]));
}
function statable(source, tested) {
    if (source === 'knee')
        return tested.knee;
    if (source === 'spine')
        return tested.spine;
    return tested.knee && tested.spine;
}
function summarise(target, voting, posterior) {
    const ofTarget = voting.filter((v) => v.target === target);
    if (ofTarget.length === 0)
        return { status: 'untested', reliefPct: null, se: null, assessedInterventions: 0 };
    const precision = ofTarget.reduce((sum, v) => sum + v.pooledPrecision, 0);
    const reliefPct = ofTarget.reduce((sum, v) => sum + v.pooledPrecision * v.pooledReliefPct, 0) / precision;
    const levelProbability = { none: 0, partial: 0, full: 0 };
    for (const source of exports.PAIN_SOURCES)
        levelProbability[LEVELS[source][target]] += posterior[source];
    const level = ['full', 'partial', 'none'].reduce((best, l) => (levelProbability[l] > levelProbability[best] ? l : best));
    const status = ofTarget.every((v) => v.item.confounded)
        ? 'confounded_only'
        : level === 'full'
            ? 'responded'
            : level === 'partial'
                ? 'partial'
                : 'no_response';
    return { status, reliefPct: (0, statistics_1.roundTo)(reliefPct, 1), se: (0, statistics_1.roundTo)(1 / Math.sqrt(precision), 1), assessedInterventions: ofTarget.length };
}
function agreement(classification, picture) {
    if (picture.lean === 'unknown' || classification === 'inconclusive' || classification === 'neither')
        return null;
    if (classification === 'mixed')
        return picture.lean === 'balanced';
    if (picture.lean === 'balanced')
        return null;
    return picture.lean === classification;
}
//# sourceMappingURL=attribution.js.map