# Familiesiderne: skemaer at svare på, og vores næste møder.
portal-feedback-title = Svar os
portal-feedback-none = Der er ingen skemaer at svare på nu.
portal-feedback-asked-by = Fra { $unit }, siden { $since }.
portal-feedback-sent = Tak! Svaret er sendt. Dem, der følger jer, ser det.
portal-feedback-back = Tilbage

portal-meetings-title = Vores næste møder
portal-meetings-none = I har ingen møder nu.
portal-meetings-place = Hvor:
portal-meetings-purpose = Hvad:
portal-meetings-who = Hvem kommer:
portal-meetings-leads = leder mødet
portal-meetings-calendar = Læg mødet i kalenderen

# Det, familien har bedt om, og svaret.
portal-requests-title = Det, I har bedt om
portal-requests-waiting = Vi har ikke set på det endnu.
portal-requests-taken = Vi ser på det nu.
portal-requests-closed-granted = Færdig { $when }: Ja, vi gør det, I bad om.
portal-requests-closed-partly = Færdig { $when }: Vi gør noget af det, I bad om.
portal-requests-closed-refused = Færdig { $when }: Nej, det kan vi ikke.
portal-requests-answer = Svaret til jer:

# Databeskyttelsesrådgiveren svarer på ønsker fra familier.
privacy-request-take = Tag sagen
privacy-request-taken = Sagen er taget. Familien ser, at nogen arbejder med den.
privacy-request-outcome = Udfald
privacy-request-outcome-granted = Imødekommet
privacy-request-outcome-partly = Delvist imødekommet
privacy-request-outcome-refused = Afslået
privacy-request-answer = Svar til familien, med begrundelse
privacy-request-answer-hint = Familien læser svaret. Skriv enkelt.
privacy-request-close = Afslut sagen
privacy-request-error-outcome = Vælg et udfald.
privacy-request-error-answer = Skriv et svar til familien, højst 4000 tegn.
privacy-request-error-closed = Sagen er allerede afsluttet.
