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

# Det familien har bedt om, og svaret.
portal-requests-title = Det dere har bedt om
portal-requests-waiting = Vi har ikke sett på det ennå.
portal-requests-taken = Vi ser på det nå.
portal-requests-closed-granted = Ferdig { $when }: Ja, vi gjør det dere ba om.
portal-requests-closed-partly = Ferdig { $when }: Vi gjør noe av det dere ba om.
portal-requests-closed-refused = Ferdig { $when }: Nei, vi kan ikke gjøre det.
portal-requests-answer = Svaret til dere:

# Personvernombudet svarer på ønsker fra familier.
privacy-request-take = Ta saken
privacy-request-taken = Saken er tatt. Familien ser at noen jobber med den.
privacy-request-outcome = Utfall
privacy-request-outcome-granted = Innvilget
privacy-request-outcome-partly = Delvis innvilget
privacy-request-outcome-refused = Avslått
privacy-request-answer = Svar til familien, med begrunnelse
privacy-request-answer-hint = Familien leser svaret. Skriv enkelt.
privacy-request-close = Avslutt saken
privacy-request-error-outcome = Velg et utfall.
privacy-request-error-answer = Skriv et svar til familien, høyst 4000 tegn.
privacy-request-error-closed = Saken er allerede avsluttet.
