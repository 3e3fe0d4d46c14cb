# The log as the family reads it, and notices. Write short and plain.
portal-link-log = Our log
portal-log-page-title = Our log
portal-log-intro = Here you see what we write down about your child. Everyone who helps writes in the same log.
portal-log-none = There is no log yet.
portal-log-level = Level { $level }
portal-log-level-1 = One service helps your child.
portal-log-level-2 = Two services help your child together.
portal-log-level-3 = Several services help your child together.
portal-log-opened = The log started on { $day }.
portal-log-closed = The log was closed on { $day }.
portal-log-holder = The one in charge
portal-log-holder-none = No one is in charge right now.
portal-log-email = E-mail:
portal-log-phone = Phone:
portal-log-goals = The goals
portal-log-goals-none = No goals yet.
portal-log-measures = What we do
portal-log-measures-none = Nothing yet.
portal-log-measure-who = In charge: { $name }, { $unit }.
portal-log-measure-due = We look at it again on { $day }.
portal-log-measure-ended = It has ended.
portal-log-evaluations = How it went
portal-log-evaluations-none = We have not looked at it yet.
portal-log-outcome-continue = We go on with it.
portal-log-outcome-change = We do it in a new way.
portal-log-outcome-end = We stop it.
portal-log-next = Next time: { $day }.
portal-log-meetings = Our meetings
portal-log-entries = What we have written
portal-log-entries-none = Nothing yet.
portal-log-kind-concern = What we saw
portal-log-kind-agreement = What we agreed
portal-log-kind-participant = On the team
portal-log-kind-observation = Something that went well
portal-log-kind-family-note = What you said
portal-log-kind-other = Note
portal-log-withheld-title = What is not shown
portal-log-withheld-health = There is health information that is not shown here.
portal-log-withheld-school = There is information from the school that is not shown here.
portal-log-withheld-other = There is information that is not shown here.
portal-log-withheld-why = Ask the one in charge if you want to know more.

portal-link-notices = Hear when there is something new
portal-notices-title = Hear when there is something new
portal-notices-intro = We send you a short message when there is something new about your child. Then you can log in and read it. The message does not say who it is about.
portal-notices-email = E-mail
portal-notices-phone = Mobile (SMS)
portal-notices-hint = Leave the field empty if you do not want messages this way.
portal-notices-save = Save
portal-notices-remove = Remove both
portal-notices-saved = It is saved.
portal-notices-removed = We will not send you messages now.
portal-notices-bad-email = That is not an e-mail address we can send to. Check it and try again.
portal-notices-bad-phone = That is not a number we can send to. Write 8 to 15 digits.

family-notice-subject = There is something new on the family pages
family-notice-body = Hello,

    There is something new about your child on the family pages.
    Log in to read it: { $link }

    We write no more here. This is how we keep you safe.
family-notice-sms = There is something new about your child on the family pages: { $link }
