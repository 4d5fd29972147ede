// Scores posts with a peer library so the .NET benchmark can compare on the same input in the same run.
// usage: node score.js vader|afinn INPUT.jsonl OUTPUT.txt
// INPUT: one JSON string (the post text) per line. OUTPUT: one label per line (negative/neutral/positive),
// then "#posts_per_second N" (wall clock) and "#posts_per_cpu_second N" (process CPU time, which stays honest when
// other work shares the machine), both over the scoring loop only (file reading excluded).
'use strict';
const fs = require('fs');

const [model, input, output] = process.argv.slice(2);
const texts = fs.readFileSync(input, 'utf8').split('\n').filter(l => l.length > 0).map(l => JSON.parse(l));

let score;
if (model === 'vader') {
  const vader = require('vader-sentiment');
  // The thresholds the VADER authors recommend: compound >= 0.05 positive, <= -0.05 negative.
  score = t => {
    const c = vader.SentimentIntensityAnalyzer.polarity_scores(t).compound;
    return c >= 0.05 ? 'positive' : c <= -0.05 ? 'negative' : 'neutral';
  };
} else if (model === 'afinn') {
  const Sentiment = require('sentiment');
  const analyzer = new Sentiment();
  score = t => {
    const s = analyzer.analyze(t).score;
    return s > 0 ? 'positive' : s < 0 ? 'negative' : 'neutral';
  };
} else {
  console.error('model must be vader or afinn');
  process.exit(2);
}

const labels = new Array(texts.length);
// Warm-up, as the .NET side gets: V8 optimises hot functions during the first pass.
for (let i = 0; i < texts.length; i++) score(texts[i]);
const start = process.hrtime.bigint();
const cpuStart = process.cpuUsage();
for (let i = 0; i < texts.length; i++) labels[i] = score(texts[i]);
const cpu = process.cpuUsage(cpuStart);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
fs.writeFileSync(output, labels.join('\n') + '\n#posts_per_second ' + (texts.length / seconds).toFixed(0) +
  '\n#posts_per_cpu_second ' + (texts.length / cpuSeconds).toFixed(0) + '\n');
