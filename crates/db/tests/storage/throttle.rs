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

/// The posts' allowances run per ten-minute window: start well inside one.
async fn fresh_window() {
    let into = ettlag_db::now_ms().rem_euclid(600_000);
    if into > 570_000 {
        let left = u64::try_from(600_000 - into).unwrap_or(0) + 200;
        tokio::time::sleep(std::time::Duration::from_millis(left)).await;
    }
}

#[tokio::test]
async fn posts_from_one_address_get_their_allowance_then_wait_for_the_window() {
    use ettlag_db::PostKind;
    use std::net::Ipv6Addr;

    let w = world().await;
    let s = store(&w);
    fresh_window().await;
    let here = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 7));
    let help = [ThrottleKey::Posts(PostKind::SelfReferral, here)];
    let answers = (0..30).map(|_| s.admit_attempt(&help, THROTTLE));
    let answers = futures_util::future::join_all(answers).await;
    let admitted = answers
        .iter()
        .filter(|a| matches!(a, Ok(Admission::Admitted)))
        .count();
    assert_eq!(admitted, 10, "exactly the allowance, even at once");
    // The wait runs to the end of the window, never longer.
    let now = ettlag_db::now_ms();
    let window_end = (now.div_euclid(600_000) + 1) * 600_000;
    match s.admit_attempt(&help, THROTTLE).await.expect("count") {
        Admission::Locked(ms) => {
            assert!(ms > 0 && ms <= window_end - now + 1_000, "{ms}")
        }
        other => panic!("locked, not {other:?}"),
    }
    // Another kind, and another address, have their own allowance.
    let feedback = [ThrottleKey::Posts(PostKind::FeedbackAnswer, here)];
    for _ in 0..60 {
        let a = s.admit_attempt(&feedback, THROTTLE).await.expect("count");
        assert_eq!(a, Admission::Admitted);
    }
    assert!(matches!(
        s.admit_attempt(&feedback, THROTTLE).await.expect("count"),
        Admission::Locked(_)
    ));
    let there = IpAddr::V4(Ipv4Addr::new(198, 51, 100, 1));
    let other = [ThrottleKey::Posts(PostKind::SelfReferral, there)];
    assert_eq!(
        s.admit_attempt(&other, THROTTLE).await.expect("count"),
        Admission::Admitted
    );
    // One IPv6 client holds a /64: its addresses share one allowance, and
    // an IPv4 address written as IPv6 is that IPv4 address.
    let v6 = |last: u16| IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 1, 2, 0, 0, 0, last));
    for i in 0..10 {
        let key = [ThrottleKey::Posts(PostKind::SelfReferral, v6(i))];
        assert_eq!(
            s.admit_attempt(&key, THROTTLE).await.expect("count"),
            Admission::Admitted
        );
    }
    let key = [ThrottleKey::Posts(PostKind::SelfReferral, v6(999))];
    assert!(matches!(
        s.admit_attempt(&key, THROTTLE).await.expect("count"),
        Admission::Locked(_)
    ));
    let mapped = IpAddr::V6(Ipv4Addr::new(192, 0, 2, 7).to_ipv6_mapped());
    let key = [ThrottleKey::Posts(PostKind::SelfReferral, mapped)];
    assert!(matches!(
        s.admit_attempt(&key, THROTTLE).await.expect("count"),
        Admission::Locked(_)
    ));
    w.db.remove().await;
}
