# Familiesidene: skjema å svare på, og de neste møtene våre.
portal-feedback-title = Svar oss
portal-feedback-none = Det er ingen skjema å svare på nå.
portal-feedback-asked-by = Fra { $unit }, siden { $since }.
portal-feedback-sent = Takk! Svaret er sendt. De som følger dere opp, ser det.
portal-feedback-back = Tilbake

portal-meetings-title = Våre neste møter
portal-meetings-none = Dere har ingen møter nå.
portal-meetings-place = Hvor:
portal-meetings-purpose = Hva:
portal-meetings-who = Hvem kommer:
portal-meetings-leads = leder møtet
portal-meetings-calendar = Legg møtet i kalenderen
