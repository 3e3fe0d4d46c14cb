# The municipality's own numbers.
admin-settings = Kommunens innstillinger
admin-settings-intro = Frister og andre tall som gjelder for hele kommunen.
admin-done-setting = Innstillingen er lagret.
setting-concern-days = Dager fra en undring til beslutningen om videre oppfølging
setting-range = Fra { $min } til { $max }. Standard er { $default }.
setting-error-range = Tallet er utenfor det som er tillatt.
setting-consent-age = Alder da ungdom samtykker alene
setting-consent-age-health = Alder da ungdom samtykker alene til deling av helseopplysninger
setting-consent-one-guardian = Én foresatt kan samtykke alene ved felles foreldreansvar (1 = ja, 0 = nei: alle med foreldreansvar samtykker)
setting-emergency-minutes = Minutter en nødtilgang varer
