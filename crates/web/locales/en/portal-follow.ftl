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
