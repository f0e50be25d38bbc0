// Approximate name matching for PostgREST's "Perhaps you meant …" hints (Data.FuzzySet, the
// same algorithm as fuzzyset.js): n-gram cosine similarity for gram sizes 3 then 2, candidates
// re-scored by Levenshtein distance, best match above a minimum score.

function grams(value: string, size: number): Map<string, number> {
	const padded = `-${value.toLowerCase().replace(/[^\p{L}\p{N}, ]+/gu, '')}-`;
	const counts = new Map<string, number>();
	const chars = Array.from(padded);
	while (chars.length < size) chars.push('-');
	for (let i = 0; i <= chars.length - size; i++) {
		const gram = chars.slice(i, i + size).join('');
		counts.set(gram, (counts.get(gram) ?? 0) + 1);
	}
	return counts;
}

function norm(counts: Map<string, number>): number {
	let sum = 0;
	for (const v of counts.values()) sum += v * v;
	return Math.sqrt(sum);
}

function levenshtein(a: string, b: string): number {
	const x = Array.from(a);
	const y = Array.from(b);
	let prev = Array.from({ length: y.length + 1 }, (_, i) => i);
	for (let i = 1; i <= x.length; i++) {
		const cur = [i];
		for (let j = 1; j <= y.length; j++)
			cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
		prev = cur;
	}
	return prev[y.length];
}

/** The best candidate scoring at least `minScore` (0.33 is FuzzySet's getOne default). */
export function bestMatch(candidates: string[], query: string, minScore = 0.33): string | null {
	const unique = [...new Set(candidates)];
	for (const size of [3, 2]) {
		const q = grams(query, size);
		const qNorm = norm(q);
		const scored: { value: string; score: number }[] = [];
		for (const candidate of unique) {
			const c = grams(candidate, size);
			let dot = 0;
			for (const [g, n] of q) dot += n * (c.get(g) ?? 0);
			if (dot === 0) continue;
			scored.push({ value: candidate, score: dot / (qNorm * norm(c)) });
		}
		if (scored.length === 0) continue;
		const rescored = scored
			.map(({ value }) => {
				const longest = Math.max(Array.from(value).length, Array.from(query).length);
				return {
					value,
					score: 1 - levenshtein(value.toLowerCase(), query.toLowerCase()) / longest
				};
			})
			.sort((a, b) => b.score - a.score);
		const best = rescored[0];
		return best && best.score >= minScore ? best.value : null;
	}
	return null;
}

/** Like getFuzzyHint for a table or function name: exact names do not count as a suggestion. */
export function suggest(candidates: string[], query: string, minScore: number): string | null {
	return bestMatch(candidates, query, minScore);
}
