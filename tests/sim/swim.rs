//! SWIM members (`sim::swim`), sans-I/O, driven here by a small deterministic delivery loop: each
//! message takes the link's latency (or is lost, or cut), and each member wakes when it asks to.
//! Not the world's event loop (SWIM is not part of the world yet, issue 15): just enough network
//! to check the protocol's promises.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use faultlab::sim::rng::SimRng;
use faultlab::sim::swim::SwimSettings;
use faultlab::sim::swim::broadcast::{Broadcasts, PER_MESSAGE};
use faultlab::sim::swim::member::Update;
use faultlab::sim::swim::member::{Body, Event, Member, Msg, Out, State};
use faultlab::sim::swim::suspicion::Suspicion;
use faultlab::sim::{NodeId, SimTime};

/// A cluster of members on a simple network.
struct Cluster {
    members: Vec<Member>,
    now: u64,
    rng: SimRng,
    seq: u64,
    wire: BinaryHeap<Reverse<OnTheWire>>,
    messages: Vec<Msg>,
    wakes: BinaryHeap<Reverse<(u64, u32)>>,
    latency_ms: u64,
    loss: f64,
    /// One-way cuts (from, to).
    cuts: Vec<(u32, u32)>,
    crashed: Vec<bool>,
    /// A paused member does nothing (and takes in nothing) until then.
    paused_until: Vec<u64>,
    /// Extra delay before a member takes in each message (an overloaded member: its timers fire
    /// on time, its messages wait in the queue).
    slow_inbound: Vec<u64>,
    /// Messages each member sent.
    sent: Vec<u64>,
    events: Vec<(u64, u32, Event)>,
}

/// A message on its way: (arrival, order, to, from, index into `messages`).
type OnTheWire = (u64, u64, u32, u32, usize);

impl Cluster {
    fn new(n: u32, settings: SwimSettings, seed: u64) -> Cluster {
        let mut rng = SimRng::new(seed);
        let mut members = vec![Member::new(
            NodeId(0),
            n,
            settings,
            0,
            SimTime::ZERO,
            &mut rng,
        )];
        for i in 1..=n {
            members.push(Member::new(
                NodeId(i),
                n,
                settings,
                0,
                SimTime::ZERO,
                &mut rng,
            ));
        }
        let mut c = Cluster {
            members,
            now: 0,
            rng,
            seq: 0,
            wire: BinaryHeap::new(),
            messages: Vec::new(),
            wakes: BinaryHeap::new(),
            latency_ms: 10,
            loss: 0.0,
            cuts: Vec::new(),
            crashed: vec![false; n as usize + 1],
            paused_until: vec![0; n as usize + 1],
            slow_inbound: vec![0; n as usize + 1],
            sent: vec![0; n as usize + 1],
            events: Vec::new(),
        };
        for i in 1..=n {
            c.schedule_wake(i);
        }
        c
    }

    fn n(&self) -> u32 {
        self.members.len() as u32 - 1
    }

    fn schedule_wake(&mut self, id: u32) {
        let at = self.members[id as usize].next_wake().ms().max(self.now);
        self.wakes.push(Reverse((at, id)));
    }

    fn handle(&mut self, id: u32, out: Vec<Out>) {
        for o in out {
            match o {
                Out::Send { to, msg } => {
                    self.sent[id as usize] += 1;
                    let lost = self.rng.chance(self.loss) || self.cuts.contains(&(id, to.0));
                    if !lost {
                        self.seq += 1;
                        self.messages.push(msg);
                        let key = self.messages.len() - 1;
                        self.wire.push(Reverse((
                            self.now + self.latency_ms + self.slow_inbound[to.index()],
                            self.seq,
                            to.0,
                            id,
                            key,
                        )));
                    }
                }
                Out::Event(e) => self.events.push((self.now, id, e)),
            }
        }
        self.schedule_wake(id);
    }

    fn run_until(&mut self, until: u64) {
        loop {
            let next_msg = self.wire.peek().map(|Reverse(m)| m.0);
            let next_wake = self.wakes.peek().map(|Reverse(w)| w.0);
            let at = match (next_msg, next_wake) {
                (Some(a), Some(b)) => a.min(b),
                (Some(a), None) => a,
                (None, Some(b)) => b,
                (None, None) => break,
            };
            if at > until {
                break;
            }
            self.now = at;
            if next_msg == Some(at) {
                let Reverse((_, _, to, from, key)) = self.wire.pop().unwrap();
                let t = to as usize;
                if self.crashed[t] {
                    continue;
                }
                if self.paused_until[t] > at {
                    // It takes the message in when it resumes.
                    self.seq += 1;
                    self.wire
                        .push(Reverse((self.paused_until[t], self.seq, to, from, key)));
                    continue;
                }
                let msg = self.messages[key].clone();
                let mut out = Vec::new();
                self.members[t].receive(SimTime(at), NodeId(from), &msg, &mut out);
                self.handle(to, out);
            } else {
                let Reverse((_, id)) = self.wakes.pop().unwrap();
                let i = id as usize;
                if self.crashed[i] || self.members[i].next_wake().ms() > at {
                    continue;
                }
                if self.paused_until[i] > at {
                    self.wakes.push(Reverse((self.paused_until[i], id)));
                    continue;
                }
                let mut out = Vec::new();
                self.members[i].wake(SimTime(at), &mut self.rng, &mut out);
                self.handle(id, out);
            }
        }
        self.now = until;
    }

    fn state_of(&self, observer: u32, node: u32) -> State {
        self.members[observer as usize]
            .belief(NodeId(node))
            .unwrap()
            .0
    }

    /// Every live member other than `node` believes `node` is `state`.
    fn all_believe(&self, node: u32, state: State) -> bool {
        (1..=self.n())
            .filter(|&i| i != node && !self.crashed[i as usize])
            .all(|i| self.state_of(i, node) == state)
    }

    fn ever_changed(&self, node: u32, state: State) -> bool {
        self.events.iter().any(|(_, _, e)| {
            matches!(e, Event::Changed { node: n, state: s, .. } if n.0 == node && *s == state)
        })
    }
}

#[test]
fn a_healthy_cluster_with_latency_well_under_the_probe_timeout_suspects_nobody() {
    for seed in 0..20 {
        let mut c = Cluster::new(12, SwimSettings::LAN, seed);
        c.latency_ms = 40;
        c.run_until(60_000);
        assert!(!c.ever_changed(1, State::Suspect), "seed {seed}");
        for node in 1..=12 {
            assert!(
                !c.ever_changed(node, State::Suspect),
                "seed {seed}: node {node} suspected"
            );
        }
    }
}

#[test]
fn under_a_one_way_cut_the_indirect_probe_keeps_the_member_alive() {
    for seed in 0..20 {
        let mut c = Cluster::new(8, SwimSettings::LAN, seed);
        // Node 3 cannot reach node 7 at all; everyone else can.
        c.cuts.push((3, 7));
        c.run_until(60_000);
        assert!(
            c.events.iter().any(|(_, who, e)| *who == 3
                && matches!(e, Event::AskedToProbe { target, helpers } if target.0 == 7 && helpers.len() == 3)),
            "seed {seed}: node 3 asked three others to probe node 7"
        );
        assert!(
            !c.ever_changed(7, State::Suspect),
            "seed {seed}: node 7 was suspected"
        );
        assert!(c.all_believe(7, State::Alive), "seed {seed}");
    }
}

#[test]
fn a_crash_is_suspected_then_declared_dead_by_every_live_member_even_with_loss() {
    for (seed, loss) in [(1, 0.0), (2, 0.1), (3, 0.3), (4, 0.5)] {
        let mut c = Cluster::new(10, SwimSettings::LAN, seed);
        c.loss = loss;
        c.run_until(5_000);
        c.crashed[4] = true;
        c.run_until(120_000);
        assert!(c.ever_changed(4, State::Suspect), "loss {loss}");
        assert!(
            c.all_believe(4, State::Dead),
            "loss {loss}: not everyone declared node 4 dead"
        );
    }
}

#[test]
fn a_suspected_member_refutes_with_a_higher_incarnation_and_is_alive_everywhere() {
    let mut c = Cluster::new(8, SwimSettings::LAN, 5);
    c.run_until(3_000);
    // Node 2 freezes for 2.5 s: its probers hear nothing and suspect it, but the suspicion
    // timeout (4 s × log10 8 → 4 s at least) has not passed when it resumes and hears of it.
    c.paused_until[2] = 5_500;
    c.run_until(40_000);
    assert!(c.ever_changed(2, State::Suspect), "node 2 was suspected");
    let refuted = c
        .events
        .iter()
        .find_map(|(_, who, e)| match e {
            Event::Refuted { incarnation } if *who == 2 => Some(*incarnation),
            _ => None,
        })
        .expect("node 2 refuted");
    assert!(refuted >= 1);
    assert!(
        c.all_believe(2, State::Alive),
        "the refutation reached everyone"
    );
    for i in 1..=8 {
        if i != 2 {
            assert!(c.members[i as usize].belief(NodeId(2)).unwrap().1 >= refuted);
        }
    }
    assert!(!c.ever_changed(2, State::Dead));
}

#[test]
fn messages_per_member_per_period_do_not_grow_with_the_cluster() {
    let per_member_per_period = |n: u32| {
        let mut c = Cluster::new(n, SwimSettings::LAN, 9);
        c.run_until(2_000);
        let before: u64 = c.sent.iter().sum();
        c.run_until(12_000);
        (c.sent.iter().sum::<u64>() - before) as f64 / f64::from(n) / 10.0
    };
    let (small, large) = (per_member_per_period(10), per_member_per_period(1_000));
    // One ping and one ack per member per period: about 2, whatever the size.
    assert!((1.8..=2.2).contains(&small), "10 members: {small}");
    assert!((1.8..=2.2).contains(&large), "1,000 members: {large}");
}

#[test]
fn local_health_awareness_makes_an_overloaded_observer_accuse_fewer_healthy_members() {
    // Node 1 is overloaded: every message it receives waits 1.1 s in its queue, longer than the
    // 1 s protocol period, while its own timers fire on time. It misses acks because of itself.
    let accusations = |awareness: u32| {
        let mut total = 0;
        for seed in 0..10 {
            let mut settings = SwimSettings::LAN;
            settings.awareness_max_multiplier = awareness;
            let mut c = Cluster::new(10, settings, seed);
            c.slow_inbound[1] = 1_100;
            c.run_until(60_000);
            total += c
                .events
                .iter()
                .filter(|(_, who, e)| *who == 1 && matches!(e, Event::Changed { state: State::Suspect, by, .. } if by.0 == 1))
                .count();
        }
        total
    };
    let (without, with) = (accusations(1), accusations(8));
    assert!(
        without >= 20,
        "without awareness the overloaded member accuses: {without}"
    );
    assert!(
        with * 3 <= without,
        "with awareness {with}, without {without}"
    );
}

#[test]
fn lifeguard_suspicion_starts_long_and_shortens_with_independent_confirmations() {
    let mut s = Suspicion::new(SimTime(1_000), NodeId(1), 2, 4_000, 24_000);
    assert_eq!(s.timeout_ms(), 24_000);
    assert!(
        !s.confirm(NodeId(1)),
        "the same accuser twice is not independent"
    );
    assert!(s.confirm(NodeId(2)));
    let one = s.timeout_ms();
    assert!(one < 24_000 && one > 4_000, "{one}");
    assert!(s.confirm(NodeId(3)));
    assert_eq!(s.timeout_ms(), 4_000);
    assert_eq!(s.deadline(), SimTime(5_000));
    // Off (k = 0): always the least value.
    assert_eq!(
        Suspicion::new(SimTime(0), NodeId(1), 0, 4_000, 4_000).timeout_ms(),
        4_000
    );
}

#[test]
fn lifeguard_suspicion_declares_fewer_live_members_dead_on_a_lossy_network() {
    // 20 % of messages are lost: probes fail now and then and the refutations travel slowly. A
    // suspicion that starts long gives the suspect time to hear of it and refute; confirmations
    // from several members still shorten it for a real crash.
    let declared = |lifeguard: bool| {
        let mut total = 0;
        for seed in 0..20 {
            let mut s = SwimSettings::LAN;
            s.lifeguard_suspicion = lifeguard;
            s.awareness_max_multiplier = 1;
            let mut c = Cluster::new(20, s, seed);
            c.loss = 0.2;
            c.run_until(120_000);
            total += (1..=20).filter(|&n| c.ever_changed(n, State::Dead)).count();
        }
        total
    };
    let (without, with) = (declared(false), declared(true));
    assert!(without >= 10, "without Lifeguard: {without}");
    assert!(
        with * 2 <= without,
        "with Lifeguard {with}, without {without}"
    );
}

#[test]
fn each_update_is_sent_a_limited_number_of_times() {
    let mut b = Broadcasts::default();
    for i in 1..=8 {
        b.push(Update {
            node: NodeId(i),
            incarnation: 0,
            state: State::Alive,
            by: NodeId(i),
        });
    }
    let limit = SwimSettings::LAN.retransmits(10);
    assert_eq!(limit, 8, "4 × ⌈log10 11⌉");
    let mut carried = 0;
    for _ in 0..100 {
        let taken = b.take(limit);
        assert!(taken.len() <= PER_MESSAGE);
        carried += taken.len();
    }
    assert_eq!(carried, 8 * limit as usize);
    assert!(b.is_empty());
}

#[test]
fn the_same_seed_gives_the_same_protocol_run() {
    let run = |seed| {
        let mut c = Cluster::new(20, SwimSettings::LAN, seed);
        c.loss = 0.2;
        c.run_until(3_000);
        c.crashed[5] = true;
        c.run_until(40_000);
        format!("{:?}", c.events)
    };
    assert_eq!(run(11), run(11));
    assert_ne!(run(11), run(12));
}

#[test]
fn presets_follow_memberlist_and_validate() {
    assert_eq!(SwimSettings::LAN.probe_interval_ms, 1_000);
    assert_eq!(SwimSettings::LAN.probe_timeout_ms, 500);
    assert_eq!(SwimSettings::WAN.probe_interval_ms, 5_000);
    assert_eq!(SwimSettings::WAN.probe_timeout_ms, 3_000);
    assert_eq!(SwimSettings::LAN.suspicion_min_ms(10), 4_000);
    assert_eq!(SwimSettings::LAN.suspicion_min_ms(1_000), 12_000);
    SwimSettings::LAN.validate().unwrap();
    SwimSettings::WAN.validate().unwrap();
    let mut bad = SwimSettings::LAN;
    bad.probe_timeout_ms = 1_000;
    assert!(bad.validate().is_err());
    let _ = Body::Ping { seq: 1 };
}
