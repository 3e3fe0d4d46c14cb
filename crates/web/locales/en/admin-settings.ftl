# The municipality's own numbers.
admin-settings = Municipality settings
admin-settings-intro = Deadlines and other numbers that apply to the whole municipality.
admin-done-setting = The setting is saved.
setting-concern-days = Days from a concern to the decision on further follow-up
setting-range = From { $min } to { $max }. The default is { $default }.
setting-error-range = The number is outside what is allowed.
setting-consent-age = Age at which a young person consents alone
setting-consent-age-health = Age at which a young person consents alone to sharing health information
setting-consent-one-guardian = One guardian may consent alone under joint parental responsibility (1 = yes, 0 = no: every guardian with responsibility consents)
setting-emergency-minutes = Minutes an emergency access lasts
