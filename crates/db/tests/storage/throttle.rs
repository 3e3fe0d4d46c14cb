//! Sign-in throttling holds under a burst: attempts are counted before the
//! secret is checked, so of a hundred attempts at once only the free ones
//! and one more are let through; a success gives its attempt back; an
//! address and everyone at once have allowances of their own.

use std::net::{IpAddr, Ipv4Addr};

use ettlag_db::{Admission, Throttle, ThrottleKey};

use crate::support::{store, world};

const THROTTLE: Throttle = Throttle {
    free: 5,
    base_lock_ms: 60_000,
    max_lock_ms: 120_000,
};

fn name(n: &str) -> ThrottleKey {
    ThrottleKey::Name(n.to_string())
}

#[tokio::test]
async fn a_hundred_attempts_at_once_get_the_free_ones_and_one_more() {
    let w = world().await;
    let keys = vec![name("lærer.a"), ThrottleKey::Everyone];
    let attempts = (0..100).map(|_| store(&w).admit_attempt(&keys, THROTTLE));
    let answers = futures_util::future::join_all(attempts).await;
    let admitted = answers
        .iter()
        .filter(|a| matches!(a, Ok(Admission::Admitted)))
        .count();
    assert_eq!(admitted, 6, "five free attempts and the one that locks");
    assert!(
        answers
            .iter()
            .all(|a| matches!(a, Ok(Admission::Admitted) | Ok(Admission::Locked(_)))),
        "{answers:?}"
    );
    w.db.remove().await;
}

#[tokio::test]
async fn names_are_counted_without_case_and_a_success_starts_afresh() {
    let w = world().await;
    let s = store(&w);
    for _ in 0..5 {
        let a = s.admit_attempt(&[name("Lærer.A")], THROTTLE).await;
        assert_eq!(a.expect("count"), Admission::Admitted);
    }
    s.attempt_succeeded(&[name("LÆRER.A")]).await.expect("back");
    for _ in 0..5 {
        let a = s.admit_attempt(&[name("lærer.a")], THROTTLE).await;
        assert_eq!(a.expect("count"), Admission::Admitted, "a fresh allowance");
    }
    assert_eq!(
        s.admit_attempt(&[name("lærer.a")], THROTTLE)
            .await
            .expect("count"),
        Admission::Admitted,
        "the sixth is checked and locks"
    );
    match s
        .admit_attempt(&[name("lærer.a")], THROTTLE)
        .await
        .expect("count")
    {
        Admission::Locked(ms) => assert!(ms > 50_000, "{ms}"),
        other => panic!("locked, not {other:?}"),
    }
    // Another name is not locked by this one.
    assert_eq!(
        s.admit_attempt(&[name("lærer.b")], THROTTLE)
            .await
            .expect("count"),
        Admission::Admitted
    );
    w.db.remove().await;
}

#[tokio::test]
async fn one_address_trying_many_names_is_locked_after_its_own_allowance() {
    let w = world().await;
    let s = store(&w);
    let addr = ThrottleKey::Address(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 7)));
    let mut admitted = 0;
    for i in 0..80 {
        let keys = [name(&format!("navn.{i}")), addr.clone()];
        if s.admit_attempt(&keys, THROTTLE).await.expect("count") == Admission::Admitted {
            admitted += 1;
        }
    }
    assert_eq!(admitted, 51, "ten times a name's allowance, and one more");
    // Another address is not locked by this one.
    let other = ThrottleKey::Address(IpAddr::V4(Ipv4Addr::new(198, 51, 100, 1)));
    assert_eq!(
        s.admit_attempt(&[name("navn.x"), other], THROTTLE)
            .await
            .expect("count"),
        Admission::Admitted
    );
    w.db.remove().await;
}
