//! The digest table: every algorithm side by side, with its digest, whether it changed since the
//! good copy, how many of its bits flipped (drawn as a grid: the avalanche effect) and a note.

use std::rc::Rc;

use yew::prelude::*;

use super::explain;
use super::state::ALGORITHMS;
use crate::checksum::{BitDiff, Digests, Progress, Verdict, note};

/// Properties of the digest table: plain values, so it redraws only when they change.
#[derive(Properties, PartialEq)]
pub struct DigestTableProps {
    /// The digests of the current data, once computed.
    pub current: Option<Rc<Digests>>,
    /// The digests of the good copy.
    pub good: Option<Rc<Digests>>,
    /// Hashing progress while the data is hashed in slices.
    pub hashing: Option<Progress>,
}

/// The bit grid of one digest: flipped bits stand out. Two paths draw every square (one for the
/// bits that stayed, one for those that flipped): a rectangle per bit was 1,088 elements for the
/// five digests, and opening the tab spent most of its time creating them.
fn bit_grid(diff: &BitDiff, label: String) -> Html {
    use std::fmt::Write;
    const COLS: usize = 32;
    const CELL: usize = 7;
    let rows = diff.flipped.len().div_ceil(COLS);
    let (mut same, mut flipped) = (String::new(), String::new());
    for (i, &f) in diff.flipped.iter().enumerate() {
        let (x, y) = ((i % COLS) * CELL, (i / COLS) * CELL);
        let _ = write!(if f { &mut flipped } else { &mut same }, "M{x} {y}h6v6h-6z");
    }
    let (width, height) = ((COLS * CELL).to_string(), (rows * CELL).to_string());
    html! {
        <svg class="bit-grid" viewBox={format!("0 0 {width} {height}")} {width} {height} role="img" aria-label={label}>
            <path class="bit-same" d={same} />
            <path class="bit-flipped" d={flipped} />
        </svg>
    }
}

/// The digest table.
#[function_component(DigestTable)]
pub fn digest_table(p: &DigestTableProps) -> Html {
    let rows = ALGORITHMS.iter().map(|&alg| {
        let current = p.current.as_ref().and_then(|d| d.get(alg).map(<[u8]>::to_vec));
        let good = p.good.as_ref().and_then(|d| d.get(alg).map(<[u8]>::to_vec));
        let diff = current.as_ref().zip(good.as_ref()).map(|(c, g)| BitDiff::between(g, c));
        let n = note(alg);
        let verdict_cell = match &diff {
            Some(d) => {
                let v = d.verdict();
                html! { <td class={classes!("verdict", if v == Verdict::Changed { "status-bad" } else { "status-ok" })} data-label="since the good copy">{ v.label() }</td> }
            }
            None => html! { <td class="verdict" data-label="since the good copy">{ "…" }</td> },
        };
        let flipped = diff.as_ref().map(|d| {
            html! {
                <div class="flips-body">
                    <span class="flip-count">{ format!("{} of {} bits ({:.0} %)", d.differing_bits, d.total_bits, d.fraction() * 100.0) }</span>
                    { bit_grid(d, format!("{} digest bits: {} of {} flipped since the good copy", alg.name(), d.differing_bits, d.total_bits)) }
                </div>
            }
        });
        html! {
            <tr data-algorithm={alg.name()}>
                <th scope="row">
                    { alg.name() }
                    <span class={classes!("collision", if n.collisions_found { "status-bad" } else { "status-ok" })}>{ n.collision_status }</span>
                </th>
                <td class="mono" data-label="bits">{ alg.digest_bits() }</td>
                <td class="mono digest" data-label="digest (hex)" data-testid={format!("digest-{}", alg.name())}>
                    { current.as_ref().map_or("computing…".to_string(), hex::encode) }
                </td>
                { verdict_cell }
                <td class="flips" data-label="bits flipped">{ flipped }</td>
            </tr>
        }
    });
    let notes = ALGORITHMS.iter().map(|&alg| {
        let n = note(alg);
        html! { <li><strong>{ alg.name() }</strong>{ format!(" — {} {}. What a match shows: {}", n.summary, n.use_for, n.what_a_match_shows) }</li> }
    });
    html! {
        <section class="panel digests" aria-labelledby="digests-heading">
            <h3 id="digests-heading">{ "Digests" }</h3>
            <p class="explain">{ explain::AVALANCHE }</p>
            if let Some(progress) = p.hashing {
                <div class="hashing" role="status">
                    <label>
                        { format!("Hashing: {:.0} %", progress.fraction() * 100.0) }
                        <progress max="1" value={progress.fraction().to_string()} />
                    </label>
                </div>
            }
            <div class="table-scroll stack-narrow">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{ "algorithm" }</th>
                            <th scope="col">{ "bits" }</th>
                            <th scope="col">{ "digest (hex)" }</th>
                            <th scope="col">{ "since the good copy" }</th>
                            <th scope="col">{ "bits flipped (avalanche)" }</th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            <details class="notes">
                <summary>{ "Which to use for what" }</summary>
                <ul>{ for notes }</ul>
            </details>
        </section>
    }
}
