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
