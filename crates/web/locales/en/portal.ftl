portal-name = One team for the family
portal-nav-label = Family pages
portal-nav-family = Our family
portal-sign-out = Sign out
portal-footer = We show only what you have a right to see. Everything you see and do is logged.
setting-portal-parent-view = What parents see once the young person decides alone (0 nothing, 1 who follows up)

portal-login-title = Sign in
portal-login-intro = See who helps your child. You also see the plan and who has looked at your data.
portal-login-oidc = Sign in with ID-porten
portal-login-local = Or sign in with a user name
portal-login-username = User name
portal-login-password = Password
portal-login-submit = Sign in
portal-login-error = The user name or password is wrong.
portal-login-locked = Too many tries. Wait a little and try again.
portal-login-oidc-error = We could not sign you in. Please try again.
portal-login-unknown = We cannot find you here. Please contact the municipality.
portal-login-cancelled = The sign-in was cancelled. You can try again.
portal-login-other-browser = The sign-in was started in another browser, or it took too long. Please start it again here.
portal-login-level = You need to sign in at a higher security level, for example with BankID.
portal-login-staff = Do you work for the municipality?
portal-login-staff-link = Sign in here.

portal-family-title = Our family
portal-family-intro = Choose who you want to see.
portal-family-empty = We have no children to show you.
portal-family-you = you

portal-who-title = Who follows us up
portal-who-none = No one has been given this task yet.
portal-who-email = E-mail:
portal-contact-holder = The one who follows you up
portal-contact-coordinator = Coordinator: has the whole picture and is the one you talk to
portal-contact-child-coordinator = Child coordinator: has the whole picture and is the one you talk to

portal-plan-title = Our plan
portal-plan-matters = What matters to us
portal-plan-goals = The goals
portal-plan-by = When:
portal-plan-know = How we will know:
portal-plan-none = There is no plan yet.
portal-young-decides = The young person now decides about their own data.

portal-more-title = More
portal-link-consents = Yes or no to sharing
portal-link-looked = Who has looked at our data
portal-link-write = Write to us
portal-link-document = Everything about us, to read
portal-link-json = Download everything (file)

portal-consents-title = Yes or no to sharing
portal-consents-intro = See what you have said yes and no to. You can change your mind when you like. It works at once.
portal-consents-none = You have not said yes or no to anything.
portal-consents-what = What:
portal-consents-who = Who gets it:
portal-consents-from = From
portal-consents-to = To
portal-consents-active = In force now.
portal-consents-ended = No longer in force.
portal-consents-said-yes = You have said yes.
portal-consents-said-no = You have said no.
portal-consents-who-not = Who does not get it:
portal-consents-withdraw = Withdraw
portal-consents-give = Say yes or no to sharing
portal-consents-stance = What do you say?
portal-consents-yes = Yes, they may get it
portal-consents-no = No, they must not get it
portal-consents-no-wins = A no comes before every yes. Only the law comes before a no, for example when a child is not safe.
portal-consents-purpose = Say in short why
portal-consents-units = Who is it for
portal-consents-categories = What is it about
portal-consents-until = Until (may be left empty)
portal-consents-submit = Send your answer
portal-consent-given = Thank you. It is in force from today.
portal-consent-refused = Thank you. From today they get none of this.
portal-consent-withdrawn = It is no longer in force. No one gets more from today.
portal-consents-waiting-you = We are waiting for your yes. Until then it does not apply.
portal-consents-waiting-other = We are waiting for the other parent to say yes. Until then it does not apply.
portal-consents-upcoming = Does not apply yet.
portal-consents-join = I say yes too
portal-consent-joined = Thank you. It applies now.
portal-consent-given-waiting = Thank you. It applies when the other parent has said yes too.

portal-category-relay-log = The log: what we see, the goals and what we do
portal-category-plan = The plan
portal-category-feedback = Answers to forms
portal-category-health = Health
portal-category-school = School
portal-category-other = Other

portal-looked-title = Who has looked at our data
portal-looked-intro = See who looked at your data, day by day, where they work and why.
portal-looked-none = No one has looked at your data yet.
portal-looked-no-unit = The municipality
portal-looked-read = { $unit } looked at { $what } { $count ->
    [one] once.
   *[other] { $count } times.
}
portal-looked-create = { $unit } added to { $what } { $count ->
    [one] once.
   *[other] { $count } times.
}
portal-looked-update = { $unit } changed { $what } { $count ->
    [one] once.
   *[other] { $count } times.
}
portal-looked-other = { $unit } used { $what } { $count ->
    [one] once.
   *[other] { $count } times.
}
portal-looked-emergency = { $unit } opened your data because it was urgent, { $count ->
    [one] once.
   *[other] { $count } times.
}
portal-looked-what-details = the page about the child
portal-looked-what-log = the log
portal-looked-what-concern = what someone was worried about
portal-looked-what-plan = the plan
portal-looked-what-meetings = the meetings
portal-looked-what-feedback = the forms and answers
portal-looked-what-consents = what you said yes to
portal-looked-what-messages = what you wrote
portal-looked-what-intake = the case at intake
portal-looked-what-other = your data
portal-looked-caption = Who looked at what. The newest day comes first.
portal-looked-day = Day
portal-looked-what = Who and what
portal-looked-why = Why
portal-looked-pages = Pages
portal-looked-page = Page { $page } of { $pages }.
portal-looked-newer = Newer
portal-looked-older = Older
portal-looked-bad-page = We could not find that page. Here is the first one.

portal-role-staff = Staff
portal-role-unit-leader = Leader
portal-role-municipality-leader = Leader in the municipality
portal-role-intake = Intake
portal-role-admin = The one who keeps the list of children and staff
portal-role-privacy-officer = Privacy
portal-role-other = Staff


portal-purpose-follow-up = To help you
portal-purpose-administration = To keep the list in order
portal-purpose-privacy-review = To look after privacy
portal-purpose-triage = To find the right help
portal-purpose-other = Other

portal-basis-service-task = They work with you
portal-basis-consent = You said yes to sharing
portal-basis-register-maintenance = The list must be right
portal-basis-accountability = Someone must check that the log is right
portal-basis-emergency-access = It was urgent
portal-basis-data-subject-right = You have a right to see
portal-basis-other = The law

portal-document-title = Everything about us
portal-document-intro = Here is everything we hold about you. You can print it.
portal-log-title = The log
portal-log-count = { $count ->
    [one] The log has { $count } part. It is in the file.
   *[other] The log has { $count } parts. They are in the file.
}

portal-write-title = Write to us
portal-write-kind = What do you want?
portal-write-note = A word to those who help us
portal-write-note-hint = The one who follows you up gets it.
portal-write-what-matters = What matters to me
portal-write-what-matters-hint = In your own words. Those who help you see it.
portal-write-restriction = Ask that our data is not used
portal-write-restriction-hint = The one who looks after privacy gets it.
portal-write-correction = Ask to correct something that is wrong
portal-write-correction-hint = The one who looks after privacy gets it.
portal-write-text = Write here
portal-write-submit = Send
portal-write-sent = Thank you. We have it.
portal-write-sent-request = Thank you. We have it. You will get an answer.

portal-error-message = Write something first. Use at most 4000 characters.
portal-error-kind = Choose what you want.
portal-error-date = The date is wrong.
portal-error-unit = Choose among those we show.
portal-error-stance = Choose yes or no.

portal-staff-family-title = From the family
portal-staff-family-intro = What the family wrote in the family pages: words to those who follow up, and what matters to them.
portal-staff-requests-title = Requests from families
portal-staff-requests-intro = Families asking that their data is not used, or that something is corrected. Oldest first.
portal-staff-none = Nothing yet.
portal-staff-family-link = From the family
portal-staff-requests-link = Requests from families for restriction or correction
