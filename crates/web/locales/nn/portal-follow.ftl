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
