// Percentiles and a fixed-width table for benchmark output. Benchmarks print figures; they
// never pass or fail on timing.

export function percentile(samples: number[], p: number): number {
	if (samples.length === 0) return Number.NaN;
	const sorted = [...samples].sort((a, b) => a - b);
	const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[rank];
}

export const median = (samples: number[]) => percentile(samples, 50);

export function summary(samples: number[]) {
	return {
		n: samples.length,
		p50: median(samples),
		p95: percentile(samples, 95),
		p99: percentile(samples, 99),
		max: Math.max(...samples)
	};
}

export function printTable(title: string, header: string[], rows: (string | number)[][]) {
	const cells = [
		header,
		...rows.map((row) => row.map((cell) => (typeof cell === 'number' ? format(cell) : cell)))
	];
	const widths = header.map((_, i) => Math.max(...cells.map((row) => String(row[i]).length)));
	const line = (row: (string | number)[]) =>
		row.map((cell, i) => String(cell).padEnd(widths[i])).join('  ');
	console.log(`\n${title}\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
	for (const row of cells.slice(1)) console.log(line(row));
}

function format(value: number): string {
	if (!Number.isFinite(value)) return String(value);
	return Math.abs(value) >= 100
		? value.toFixed(0)
		: Math.abs(value) >= 10
			? value.toFixed(1)
			: value.toFixed(2);
}
