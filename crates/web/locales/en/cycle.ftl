# The annual cycle (årshjul): recurring evaluation tasks for leaders.
cycle-title = Annual cycle
cycle-link = Annual cycle: recurring evaluations through the year
cycle-intro = The tasks the municipality goes through every year, month by month: goals, plans, what was done and what we learned. Mark a task done with a short note of what was evaluated, or skip it with a reason.
cycle-back-to-steering = Back to steering
cycle-admin-title = Annual cycle tasks
cycle-marked-done = The task is marked done.
cycle-marked-skipped = The task is marked skipped.
cycle-summary = This year: { $open } open, { $overdue } overdue, { $closed } done or skipped.
cycle-years = Other years
cycle-previous-year = Previous year
cycle-next-year = Next year
cycle-months = Months
cycle-month-empty = Nothing this month.
cycle-overdue = Overdue by { $days ->
    [one] 1 day
   *[other] { $days } days
}
cycle-due-in = { $days ->
    [0] due today
    [one] due tomorrow
   *[other] due in { $days } days
}
cycle-closed-done = Done by { $who }, { $when }
cycle-closed-skipped = Skipped by { $who }, { $when }
cycle-note = Note
cycle-note-hint = What was evaluated or learned, or why it is skipped.
cycle-mark-done = Mark done
cycle-mark-skip = Skip
cycle-status-planned = Planned
cycle-status-open = Open
cycle-status-done = Done
cycle-status-skipped = Skipped
cycle-every-yearly = Every year
cycle-every-quarterly = Every quarter
cycle-every-monthly = Every month
cycle-every-yearly-text = every year on { $day } { $month }, reminder { $lead } days before
cycle-every-quarterly-text = every quarter on day { $day } from { $month }, reminder { $lead } days before
cycle-every-monthly-text = every month on day { $day }, reminder { $lead } days before
cycle-for-municipality = For the municipality's leaders
cycle-for-service = For the leaders of every { $service } unit
cycle-for-unit = For the leaders of { $unit }
cycle-month-1 = January
cycle-month-2 = February
cycle-month-3 = March
cycle-month-4 = April
cycle-month-5 = May
cycle-month-6 = June
cycle-month-7 = July
cycle-month-8 = August
cycle-month-9 = September
cycle-month-10 = October
cycle-month-11 = November
cycle-month-12 = December
cycle-admin-intro = The recurring tasks of the annual cycle. Each task reminds the leaders it is for on their desk (and by e-mail) when the lead time starts. A task that is switched off plans nothing more; what was marked stays.
cycle-task-new = New task
cycle-task-inactive = switched off
cycle-task-title = Title
cycle-task-description = What to do
cycle-task-audience = For whom
cycle-task-kind = How often
cycle-task-month = Month
cycle-task-month-hint = For a task every quarter: any month of the quarter pattern. Not used for a task every month.
cycle-task-day = Day of the month
cycle-task-day-hint = 1–31. In a shorter month the task falls on the last day.
cycle-task-lead = Reminder, days before (0–180)
cycle-task-active = In use
cycle-task-save = Save task
cycle-task-saved = The task is saved.
cycle-error-title = Write a title.
cycle-error-too-long = The text is too long.
cycle-error-control = The text has characters that cannot be used.
cycle-error-recurrence = Choose a month and a day of the month from 1 to 31.
cycle-error-lead = The reminder is given from 0 to 180 days before.
cycle-error-audience = Choose who the task is for.
cycle-error-note = Write a short note of what was evaluated, or why it is skipped.
cycle-error-occurrence = The task is not due on that day.
cycle-error-period = Choose a period of at most two years that ends after it starts.
notice-cycle-due = Annual cycle: { $detail }
audit-basis-management = Management of the services
audit-resource-cycle-task = Annual cycle task
audit-resource-cycle-occurrence = Annual cycle occurrence
cycle-ring-title = The annual cycle
cycle-ring-desc = Each part of the wheel is a month, with January at the top. The colour shows what is most pressing that month, and the number is how many tasks it holds. The list below shows every task.
cycle-ring-overdue = Overdue
cycle-ring-done = Done or skipped
cycle-ring-empty = No tasks
