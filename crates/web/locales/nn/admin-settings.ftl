# The municipality's own numbers.
admin-settings = Innstillingane til kommunen
admin-settings-intro = Fristar og andre tal som gjeld for heile kommunen.
admin-done-setting = Innstillinga er lagra.
setting-concern-days = Dagar frå ei undring til avgjerda om vidare oppfølging
setting-range = Frå { $min } til { $max }. Standard er { $default }.
setting-error-range = Talet er utanfor det som er tillate.
setting-consent-age = Alder då ungdom samtykkjer åleine
setting-consent-age-health = Alder då ungdom samtykkjer åleine til deling av helseopplysningar
setting-consent-one-guardian = Éin føresett kan samtykkje åleine ved felles foreldreansvar (1 = ja, 0 = nei: alle med foreldreansvar samtykkjer)
setting-emergency-minutes = Minutt ein naudtilgang varer
