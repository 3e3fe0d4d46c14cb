//! What a relay log adds to the counts, event by event. The same fold runs
//! when a log is written (for the new events only) and when the counts are
//! rebuilt (for all events), so the two cannot drift apart.

use std::collections::HashMap;

use ettlag_core::relay::{Entry, Event, LogState, Recorded, RelayError};
use ettlag_core::steering::{Histogram, Ladder};
use ettlag_core::{Coded, ServiceType, UnitId};

use super::{Delta, Dims, metric, month_of, ms_key};

/// What holds for a log after an event.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Snap {
    open: bool,
    level: u8,
    step: Option<u8>,
    due: Option<String>,
}

/// The facts about a log that its events do not hold.
#[derive(Debug, Clone)]
pub(crate) struct LogContext<'a> {
    /// The child's birth year (0 when unknown).
    pub born: i64,
    /// When the concern behind the log was raised, if it came from one.
    pub concern_raised_ms: Option<i64>,
    /// unit id → (service type, area).
    pub units: &'a HashMap<String, (String, String)>,
    pub ladder: &'a Ladder,
}

impl LogContext<'_> {
    fn dims_of(&self, unit: &UnitId) -> Dims {
        let (service_type, area) = self.units.get(unit.as_str()).cloned().unwrap_or_default();
        Dims {
            unit: unit.as_str().to_string(),
            service_type,
            area,
            born: self.born,
        }
    }

    fn type_of(&self, unit: &UnitId) -> Option<ServiceType> {
        self.units
            .get(unit.as_str())
            .and_then(|(t, _)| ServiceType::from_code(t))
    }
}

fn snap(state: &LogState, ctx: &LogContext<'_>) -> Snap {
    let measures = state.measures();
    let open: Vec<_> = measures.iter().filter(|m| !m.ended).collect();
    let kinds: Vec<_> = open
        .iter()
        .filter_map(|m| {
            ctx.ladder
                .kind_of(m.measure_type.as_ref(), ctx.type_of(&m.responsible_unit))
        })
        .collect();
    let step = ctx.ladder.step_of_all(&kinds).map(|s| s.number());
    // As the log's summary row: a health or school measure's date stays inside the log.
    let due = open
        .iter()
        .filter(|m| state.category_of(&m.id).is_none_or(|c| c.is_relay_log()))
        .map(|m| m.due)
        .min()
        .map(|d| d.to_string());
    Snap {
        open: state.closed.is_none(),
        level: state.level.number(),
        step,
        due,
    }
}

/// Moves a "now" counter from the old key to the new one.
fn gauge(
    out: &mut Vec<Delta>,
    dims: &Dims,
    m: &'static str,
    old: Option<String>,
    new: Option<String>,
) {
    if old == new {
        return;
    }
    let mut push = |key: String, n| {
        out.push(Delta {
            metric: m,
            period: String::new(),
            dims: dims.clone(),
            key,
            n,
        })
    };
    if let Some(k) = old {
        push(k, -1);
    }
    if let Some(k) = new {
        push(k, 1);
    }
}

/// The deltas of the events from index `from` on (0 for all).
pub(crate) fn fold_log(
    events: &[Recorded<Event>],
    from: usize,
    ctx: &LogContext<'_>,
) -> Result<Vec<Delta>, RelayError> {
    let mut out = Vec::new();
    let Some(first) = events.first() else {
        return Ok(out);
    };
    let dims = match &first.body {
        Event::Opened { holder_unit, .. } => ctx.dims_of(holder_unit),
        _ => Dims::default(),
    };
    let started = ctx.concern_raised_ms.unwrap_or(first.at_ms);
    let mut state: Option<LogState> = None;
    let mut prev: Option<Snap> = None;
    let mut max_level = 0u8;
    let mut measured = false;
    for (i, rec) in events.iter().enumerate() {
        match state.as_mut() {
            None => state = Some(LogState::replay(vec![rec.clone()])?),
            Some(s) => s.apply(rec.clone())?,
        }
        let Some(s) = state.as_ref() else { continue };
        let now = snap(s, ctx);
        let emit = i >= from;
        let month = month_of(rec.at_ms);
        let mut flows: Vec<Delta> = Vec::new();
        let mut flow = |m: &'static str, key: String| {
            flows.push(Delta {
                metric: m,
                period: month.clone(),
                dims: dims.clone(),
                key,
                n: 1,
            })
        };
        if i == 0 {
            flow(metric::LOG_OPENED, String::new());
        }
        if let Some(p) = prev.as_ref().filter(|p| p.open && now.open) {
            if p.level != now.level {
                flow(metric::LEVEL_MOVE, format!("{}>{}", p.level, now.level));
            }
            if let (Some(a), Some(b)) = (p.step, now.step) {
                if b > a {
                    flow(metric::STEP_MOVE, "up".to_string());
                } else if b < a {
                    flow(metric::STEP_MOVE, "down".to_string());
                }
            }
        }
        if now.open {
            while max_level < now.level {
                max_level += 1;
                if max_level >= 2 {
                    flow(metric::REACHED, max_level.to_string());
                }
            }
        }
        if let Event::Entry {
            entry:
                Entry::Measure {
                    responsible_unit,
                    measure_type,
                    ..
                },
            ..
        } = &rec.body
            && rec.supersedes.is_none()
        {
            if let Some(kind) = ctx
                .ladder
                .kind_of(measure_type.as_ref(), ctx.type_of(responsible_unit))
            {
                flow(metric::MEASURE, kind.key());
            }
            if !measured {
                measured = true;
                let days = (rec.at_ms - started).div_euclid(86_400_000);
                flow(metric::FIRST_MEASURE, Histogram::bucket(days).to_string());
            }
        }
        if emit {
            out.append(&mut flows);
            let was = prev.as_ref().filter(|p| p.open);
            let is = Some(&now).filter(|n| n.open);
            gauge(
                &mut out,
                &dims,
                metric::LEVEL,
                was.map(|p| p.level.to_string()),
                is.map(|n| n.level.to_string()),
            );
            gauge(
                &mut out,
                &dims,
                metric::STEP,
                was.and_then(|p| p.step).map(|s| s.to_string()),
                is.and_then(|n| n.step).map(|s| s.to_string()),
            );
            gauge(
                &mut out,
                &dims,
                metric::DUE,
                was.and_then(|p| p.due.clone()),
                is.and_then(|n| n.due.clone()),
            );
        }
        prev = Some(now);
    }
    Ok(out)
}

/// What a concern adds: counted in the month raised; an open clock until it
/// is decided; a missed clock when decided after the deadline.
pub(crate) fn concern_deltas(
    dims: Dims,
    raised: i64,
    deadline: i64,
    decided: Option<i64>,
) -> Vec<Delta> {
    let mut out = vec![Delta {
        metric: metric::CONCERN,
        period: month_of(raised),
        dims: dims.clone(),
        key: String::new(),
        n: 1,
    }];
    match decided {
        None => out.push(Delta {
            metric: metric::CONCERN_OPEN,
            period: String::new(),
            dims,
            key: ms_key(deadline),
            n: 1,
        }),
        Some(at) if at > deadline => out.push(Delta {
            metric: metric::CLOCK_MISSED,
            period: month_of(at),
            dims,
            key: "concern".to_string(),
            n: 1,
        }),
        Some(_) => {}
    }
    out
}
