# Familiesidene: skjema å svare på, og dei neste møta våre.
portal-feedback-title = Svar oss
portal-feedback-none = Det er ingen skjema å svare på no.
portal-feedback-asked-by = Frå { $unit }, sidan { $since }.
portal-feedback-sent = Takk! Svaret er sendt. Dei som følgjer dykk opp, ser det.
portal-feedback-back = Tilbake

portal-meetings-title = Dei neste møta våre
portal-meetings-none = De har ingen møte no.
portal-meetings-place = Kvar:
portal-meetings-purpose = Kva:
portal-meetings-who = Kven kjem:
portal-meetings-leads = leier møtet
portal-meetings-calendar = Legg møtet i kalenderen

# Det familien har bede om, og svaret.
portal-requests-title = Det de har bede om
portal-requests-waiting = Vi har ikkje sett på det enno.
portal-requests-taken = Vi ser på det no.
portal-requests-closed-granted = Ferdig { $when }: Ja, vi gjer det de bad om.
portal-requests-closed-partly = Ferdig { $when }: Vi gjer noko av det de bad om.
portal-requests-closed-refused = Ferdig { $when }: Nei, vi kan ikkje gjere det.
portal-requests-answer = Svaret til dykk:

# Personvernombodet svarar på ønske frå familiar.
privacy-request-take = Ta saka
privacy-request-taken = Saka er teken. Familien ser at nokon arbeider med ho.
privacy-request-outcome = Utfall
privacy-request-outcome-granted = Innvilga
privacy-request-outcome-partly = Delvis innvilga
privacy-request-outcome-refused = Avslått
privacy-request-answer = Svar til familien, med grunngjeving
privacy-request-answer-hint = Familien les svaret. Skriv enkelt.
privacy-request-close = Avslutt saka
privacy-request-error-outcome = Vel eit utfall.
privacy-request-error-answer = Skriv eit svar til familien, høgst 4000 teikn.
privacy-request-error-closed = Saka er allereie avslutta.
