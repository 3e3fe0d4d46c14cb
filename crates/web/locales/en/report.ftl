# Reports to child welfare under the duty to report (opplysningsplikt).
nav-reports = Reports to child welfare

# The statutory grounds a–d, in plain words.
ground-mistreatment = The child is being mistreated or seriously neglected, for example exposed to violence or abuse, or does not get the daily care it needs.
ground-untreated-needs = The child is seriously ill or injured, or has special needs, and does not get the examination, treatment or education it needs.
ground-serious-behaviour = The child shows serious behavioural problems, for example repeated crime, substance abuse or other seriously antisocial behaviour.
ground-trafficking = The child is being exploited through human trafficking.

# What child welfare decided.
report-outcome-investigate = Child welfare opens an investigation
report-outcome-dismiss = Closed after review

# Why a report could not be sent or changed.
report-error-ground = Tick at least one of the grounds.
report-error-unknown-ground = That ground is not in the law. Choose between a, b, c and d.
report-error-text = Write what you have seen or heard.
report-error-too-long = The text is too long. Shorten it to 4000 characters.
report-error-bad-text = The text contains characters that cannot be stored. Write it again without them.
report-error-no-child-welfare = The municipality has no child welfare service registered. Contact the administrator, and report to child welfare another way in the meantime.
report-error-receiver = Choose which child welfare service the report goes to.
report-error-concern = The concern the report refers to is not about this child.
report-error-acknowledged = Receipt has already been confirmed.
report-error-reviewed = The report has already been reviewed.
report-error-outcome = Choose the outcome of the review.

# Reminders on "my follow-up".
notice-report-received = New report about { $child }
notice-report-acknowledged = Child welfare has confirmed it received your report about { $child }
notice-report-reviewed = Child welfare has reviewed your report about { $child }
notice-report-overdue = The report about { $child } has not been reviewed in time

# The form.
report-new-title = Report to child welfare
report-about = About
report-back-to-child = Back to the child
report-duty-heading = Before you write
report-duty-text = When you have reason to believe that a child is in one of the situations below, you have a duty to report it to child welfare. You do not need to be certain; more than a vague suspicion is enough.
report-duty-consent = The duty to report overrides your duty of confidentiality. You do not need consent from the parents or the child.
report-duty-logged = That you send the report, and that you looked at the child's information to write it, is recorded in the access log.
report-duty-parents = The parents may later read the report. Write factually and concretely.
report-consult = Not sure whether to report? You can first discuss the situation anonymously with child welfare:
report-from-concern = The report is linked to the concern where it was decided to report.
report-grounds = What is the concern about?
report-grounds-hint = Tick what applies. The letter refers to the ground in the law.
report-text = What have you seen or heard?
report-text-hint = Write what you have seen and heard yourself, when it was, and what others have told you. Keep what you observed apart from how you interpret it.
report-receiver = Goes to
report-send = Send the report to child welfare

# The receipt and child welfare's view.
report-receipt-title = Receipt for your report to child welfare
report-title = Report to child welfare
report-reference = Reference number
report-child = The child
report-sent-at = Sent
report-to = Sent to
report-from = Sent by
report-grounds-chosen = Grounds
report-text-heading = What was seen or heard
report-status = Status
report-status-waiting = Child welfare has not yet confirmed that it received the report.
report-status-acknowledged = Child welfare confirmed receipt on { $date }.
report-status-reviewed = Child welfare reviewed the report on { $date }: { $outcome }.
report-receipt-private = Child welfare's own notes about the case are not shown on the receipt.
report-done-sent = The report has been sent. Keep the reference number. Child welfare is to review the report within a week.
report-done-acknowledged = Receipt is confirmed. The reporter sees it on their receipt.
report-done-reviewed = The review is saved.
report-deadline = Review deadline
report-clock-left = { $days ->
    [one] 1 day left to review
   *[other] { $days } days left to review
}
report-clock-overdue = { $days ->
    [one] Overdue: should have been reviewed 1 day ago
   *[other] Overdue: should have been reviewed { $days } days ago
}
report-acknowledged-by = Receipt confirmed by
report-reviewed-by = Reviewed by
report-note-heading = Child welfare's note
report-acknowledge-heading = Confirm receipt
report-acknowledge-intro = The reporter is told that the report has been received.
report-acknowledge = Confirm that the report has been received
report-review-heading = Review
report-review-intro = Child welfare reviews the report within a week at the latest and decides whether to open an investigation. The reporter sees the outcome, but not the note.
report-outcome = Outcome
report-note = Note (for child welfare only)
report-review-submit = Save the review

# The list.
report-list-title = Reports to child welfare
report-list-intro = You write a new report from the child's page.
report-queue = Reports received by child welfare
report-queue-none = No reports to child welfare.
report-sent = Reports you have sent
report-sent-none = You have not sent any report to child welfare.
report-col-reference = Reference
report-col-child = Child
report-col-sent = Sent
report-col-status = Status
report-col-deadline = Deadline
report-state-waiting = Waiting for confirmation
report-state-acknowledged = Received
report-state-reviewed = Reviewed

# Links from the child's page and the concern.
case-report = Report to child welfare
concern-report-write = Write the report to child welfare
