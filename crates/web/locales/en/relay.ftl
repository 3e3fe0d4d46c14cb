# Concerns, relay logs and the holder's desk.
nav-my = My follow-up
relay-back-to-child = Back to the child
relay-back-to-my = To my follow-up
relay-back-to-log = Back to the relay log

case-title = Follow-up
case-open-log = Open the relay log
case-no-log = The child has no open relay log.
case-concerns = Concerns
case-closed-logs = Earlier relay logs
case-raise = Note a concern

concern-new-title = Note a concern
concern-new-intro = Write what you have seen or heard that makes you wonder. Then you have 14 days to decide what happens next.
concern-text = What have you seen or heard?
concern-text-hint = Describe what you observed, not how you interpret it. The family may get to read this.
concern-unit = From unit
concern-submit = Save the concern
concern-title = Concern
concern-done-raised = The concern is saved, and the deadline for deciding on further follow-up is running.
concern-done-closed = The concern is closed.
concern-done-report = The decision is saved: a report is to be sent to child welfare.
concern-raised-by = Noted by
concern-deadline = Deadline for deciding
concern-note = Reasons
concern-open-log = Go to the relay log
concern-report-next = Write the report to child welfare. The duty to report applies without consent.
concern-decide = Decide on further follow-up
concern-decide-intro = Talk with the parents and a colleague or manager first. If you start a relay log, you get the baton.
concern-decision = What should happen?
concern-decision-level-1 = Start a relay log at level 1: measures within your own service
concern-decision-level-2 = Start a relay log at level 2: working with one other service
concern-decision-level-3 = Start a relay log at level 3: several services working together
concern-decision-close = Close: no further follow-up is needed
concern-decision-report = Send a report to child welfare
concern-decide-submit = Save the decision
concern-error-choose = Choose what should happen.
concern-decided-close = Closed
concern-decided-report = Reported to child welfare
concern-decided-log = Relay log started at level { $level }
concern-overdue = { $days ->
    [one] The deadline passed 1 day ago
   *[other] The deadline passed { $days } days ago
}
concern-days-left = { $days ->
    [one] 1 day left until the deadline
   *[other] { $days } days left until the deadline
}

log-title = Relay log
log-level = Level
log-level-n = Level { $level }
log-holder = Holder of the baton
log-opened = Started
log-status = Status
log-status-open = Open
log-status-closed = Closed
log-overdue-count = { $count ->
    [one] 1 evaluation overdue
   *[other] { $count } evaluations overdue
}
log-offer = The baton
log-offer-waiting = Offered to { $name } ({ $unit }), waiting for an answer
log-print = Print version
log-archive = Archive copy
log-archive-json = Archive copy as JSON
log-level-3-hint = At level 3, consider who should hold the baton, and whether the child needs an individual plan.
log-measures = Measures
log-no-measures = No measures yet.
log-next-evaluation = Next evaluation
log-measure-status = Status
measure-ended = Ended
measure-overdue = Evaluation overdue
measure-running = Ongoing
log-write = Write in the log
log-holder-actions = For the holder of the baton
log-timeline = The whole log
log-done-opened = The relay log is started. You hold the baton.
log-done-entry = Saved in the log.
log-done-level = The level is changed.
log-done-offered = The baton is offered. You hold it until it is accepted.
log-done-accepted = You have accepted the baton.
log-done-declined = You have declined. The holder of the baton still holds it.
log-done-withdrawn = The offer is withdrawn.
log-done-closed = The relay log is closed, and the archive copy is made.

entry-concern = Concern
entry-goal = Goal
entry-measure = Measure
entry-evaluation = Evaluation
entry-agreement = Agreement
entry-participant = Participating service
entry-observation = Bright spot
entry-family-note = The family's voice
add-entry-concern = Add a concern
add-entry-goal = Add a goal
add-entry-measure = Add a measure
add-entry-evaluation = Evaluate a measure
add-entry-agreement = Add an agreement
add-entry-participant = Add a participating service
add-entry-observation = Add a bright spot
add-entry-family-note = Write down what the family says
entry-areas = Development areas
entry-since = Since when
entry-what = What is to be done
entry-responsible = Responsible
entry-start = Start
entry-evaluate-by = Evaluate by
entry-no-goal = Not linked to a goal
entry-outcome = What now?
entry-learned = What have you learned?
entry-next-evaluation = Next evaluation
entry-next-evaluation-hint = Needed when the measure continues or changes.
entry-unit = Unit
entry-task = Task
entry-who = Who in the family
entry-text = Text
entry-save = Save
entry-save-correction = Save the correction
entry-superseded = Corrected later.
entry-see-correction = See the correction
entry-corrects = Corrects an earlier entry.
entry-see-original = See the original
entry-correct = Correct this entry
correct-title = Correct an entry
correct-intro = Nothing is deleted. The correction becomes a new entry that replaces the old one, and both are shown in the log.
correct-new-version = New version

area-language = Language
area-social = Social interaction
area-emotional = Feelings and well-being
area-physical = Health and motor skills
area-learning = Learning
area-attendance = Attendance
area-family = The family's situation
area-other = Other

outcome-continue = Continue
outcome-change = Change
outcome-end = End

level-change = Change level
level-new = New level
level-reason = Why?
level-submit = Change level

offer-title = Pass on the baton
offer-intro = The person you offer the baton to must accept it. Until then, you hold it.
offer-none = Nobody else can accept the baton right now. The child must be enrolled in the unit, or the family's consent must cover it.
offer-to = To
offer-family-wish = The family's wish
offer-is-transition = This is a transition (for example from kindergarten to school)
transition-checklist = Checklist for the transition
transition-note = What goes with the child?
transition-done = Done
transition-missing = Not done yet
offer-submit = Offer the baton
offer-withdraw = Withdraw the offer
checklist-family-agreed = The family agrees with what goes with the child
checklist-child-heard = The child has been heard about the transition
checklist-transition-meeting = A transition meeting has been held
checklist-measures-reviewed = Goals and measures have been reviewed
checklist-what-works-shared = What works for the child is written down
checklist-adaptations-ready = Adaptations are ready in the new service

answer-title = You are offered the baton
answer-intro = { $name } wants to give you the baton in { $unit }.
answer-transition = This is a transition. See the checklist in the log.
answer-reason = Comment (optional)
answer-accept = Accept
answer-decline = Decline

close-title = Close the relay log
close-intro = When the log is closed, an archive copy of the whole log is made.
close-reason = Why is it being closed?
close-note = Comment
close-submit = Close
close-error-reason = Choose why the relay log is being closed.
closing-goals-reached = The goals are reached
closing-consent-withdrawn = Consent was withdrawn
closing-moved-to-individual-plan = Further work in an individual plan

event-opened = The relay log was started at level { $level }
event-level-changed = The level was changed from { $from } to { $to }
event-baton-offered = The baton was offered to { $name } ({ $unit })
event-transition-offered = Transition: the baton was offered to { $name } ({ $unit })
event-baton-accepted = { $name } accepted the baton
event-baton-declined = { $name } declined the baton
event-baton-withdrawn = The offer of the baton was withdrawn
event-closed = The relay log was closed: { $reason }
archive-copy = Archive copy made
print-printed = Printed

my-title = My follow-up
my-intro = What is waiting for you: batons you are offered, the relay logs whose baton you hold, and concerns that need a decision.
my-reminders = Reminders
my-reminder-done = Mark as seen
my-offers = Offered to you
my-no-offers = No batons are waiting for your answer.
my-offered-by = from
my-shared = Shared with your unit
my-shared-intro = The family has consented that your unit may follow these children in the relay log.
my-shared-holder = baton holder
my-logs = Your relay logs
my-no-logs = You hold no batons right now.
my-concerns = Your concerns
my-no-concerns = No concerns are waiting for a decision.
my-overdue-since = Evaluation overdue since { $date }
my-next-evaluation = { $date }
notice-evaluation-due = Time to evaluate a measure for { $child }: { $detail }
notice-concern-deadline = The deadline for the concern about { $child } passed on { $detail }
my-consents = Consents that end soon
my-consents-intro = When a consent ends, the other services can no longer see the relay log. Talk with the family in good time.
my-consent-ends = The consent for { $child } ends { $date }

# Who may read an entry (field groups).
entry-category = Who may read this?
entry-category-hint = Health and school information is shown only to you, your unit and the units the family has consented may receive such information.
entry-kept-choice-relay-log = Everyone following the child in the relay log
entry-kept-choice-health = Health information: only units with consent for health information
entry-kept-choice-school = School information: only units with consent for school information
entry-kept-health = Health information – shown only to units with consent
entry-kept-school = School information – shown only to units with consent
log-withheld = { $count ->
    [one] One entry is not shown to you
   *[other] { $count } entries are not shown to you
  } ({ $categories }). The family's consent does not let your unit see such information. Ask the baton holder whether the family will widen the consent.

# When a unit loses a log (consent withdrawn or expired, refused, enrolment only).
event-baton-returned = The baton went back to { $name } ({ $unit })
event-offer-ended = The offer of the baton ended
access-ended-consent-withdrawn = The family withdrew the consent that let { $unit } in. { $name } can no longer see the log.
access-ended-consent-expired = The consent that let { $unit } in ran out. { $name } can no longer see the log.
access-ended-refused = The family said no to { $unit }. { $name } can no longer see the log.
access-ended-enrolment-only = { $unit } had the log only because the child attends it. That no longer gives access.
notice-baton-taken-back = You no longer hold the baton of a relay log, because { $detail }. It went back to { $unit }.
notice-offer-ended = The offer of a baton to you has ended, because { $detail }. The log belongs to { $unit }.
notice-log-access-ended = You can no longer see a relay log that belongs to { $unit }, because { $detail }.
notice-baton-returned = The baton for { $child } is back with you, because { $detail }.
notice-access-ended-consent-withdrawn = the family withdrew the consent
notice-access-ended-consent-expired = the consent ran out
notice-access-ended-refused = the family said no to the unit
notice-access-ended-enrolment-only = a child attending a unit no longer opens another service's log
