# Why the API refused a decision about a concern or the closing of a relay log.
concern-error-decision = Vælg, om undren skal lukkes, om der skal startes en stafetlog, eller om der skal sendes en underretning til kommunen.
relay-error-closing-reason = Vælg, hvorfor stafetloggen afsluttes: målene er nået, samtykket er trukket tilbage, eller arbejdet fortsætter i en individuel plan.
