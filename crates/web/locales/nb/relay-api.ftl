# Why the API refused a decision about a concern or the closing of a relay log.
concern-error-decision = Velg om undringen skal lukkes, om det skal startes en stafettlogg, eller om det skal meldes til barnevernet.
relay-error-closing-reason = Velg hvorfor stafettloggen avsluttes: målene er nådd, samtykket er trukket, eller arbeidet går videre i en individuell plan.
