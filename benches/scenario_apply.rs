//! Applying a scenario of 10,000 edits and 100 growth rules to a synthetic dataset of
//! 3,000 regions × 40 indicators × 30 years (3.6 million observations). Target: ≤ 10 ms.
//! `apply` builds an overlay, so its cost follows the scenario, not the dataset.

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use yardstick::model::apply;
use yardstick::model::synthetic::{synthetic_dataset, synthetic_scenario};

fn bench_apply(c: &mut Criterion) {
    let started = Instant::now();
    let dataset = synthetic_dataset(3_000, 40, 30, 42);
    eprintln!(
        "synthetic dataset: {} observations built in {:.2?}",
        dataset.observations().len(),
        started.elapsed()
    );
    let scenario = synthetic_scenario(&dataset, 10_000, 100, 42);
    let applied = apply(&dataset, &scenario);
    eprintln!(
        "scenario: {} edits, {} growth rules -> {} changed cells, {} problems",
        scenario.edits.len(),
        scenario.growth.len(),
        applied.len(),
        applied.problems().len()
    );
    let mut group = c.benchmark_group("scenario_apply");
    group.bench_function("3000x40x30_10k_edits_100_growth", |b| {
        b.iter(|| apply(black_box(&dataset), black_box(&scenario)).len())
    });
    group.finish();
}

criterion_group!(benches, bench_apply);
criterion_main!(benches);
