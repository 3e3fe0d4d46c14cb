# Why the API refused a decision about a concern or the closing of a relay log.
concern-error-decision = Vel om undringa skal lukkast, om det skal startast ein stafettlogg, eller om det skal meldast til barnevernet.
relay-error-closing-reason = Vel kvifor stafettloggen vert avslutta: måla er nådde, samtykket er trekt, eller arbeidet held fram i ein individuell plan.
