# Why the API refused a decision about a concern or the closing of a relay log.
concern-error-decision = Choose whether the concern is closed, a relay log is started, or a report is made to child welfare.
relay-error-closing-reason = Choose why the relay log is closed: the goals are reached, consent was withdrawn, or the work continues in an individual plan.
