# The family pages: forms to answer, and our next meetings.
portal-feedback-title = Answer us
portal-feedback-none = There are no forms to answer now.
portal-feedback-asked-by = From { $unit }, since { $since }.
portal-feedback-sent = Thank you! Your answer is sent. Those who follow you up will see it.
portal-feedback-back = Back

portal-meetings-title = Our next meetings
portal-meetings-none = You have no meetings now.
portal-meetings-place = Where:
portal-meetings-purpose = What:
portal-meetings-who = Who comes:
portal-meetings-leads = leads the meeting
portal-meetings-calendar = Add the meeting to your calendar

# What the family has asked for, and the answer.
portal-requests-title = What you have asked for
portal-requests-waiting = We have not looked at it yet.
portal-requests-taken = We are looking at it now.
portal-requests-closed-granted = Done { $when }: Yes, we do what you asked.
portal-requests-closed-partly = Done { $when }: We do some of what you asked.
portal-requests-closed-refused = Done { $when }: No, we cannot do it.
portal-requests-answer = Our answer to you:

# The privacy officer answers requests from families.
privacy-request-take = Take the request
privacy-request-taken = The request is taken. The family sees that someone works on it.
privacy-request-outcome = Outcome
privacy-request-outcome-granted = Granted
privacy-request-outcome-partly = Partly granted
privacy-request-outcome-refused = Refused
privacy-request-answer = Answer to the family, with the reason
privacy-request-answer-hint = The family reads the answer. Write simply.
privacy-request-close = Close the request
privacy-request-error-outcome = Choose an outcome.
privacy-request-error-answer = Write an answer to the family, at most 4000 characters.
privacy-request-error-closed = The request is already closed.
