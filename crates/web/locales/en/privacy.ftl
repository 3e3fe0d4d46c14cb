# The privacy officer: restriction of processing (GDPR art. 18).
nav-privacy = Restriction
privacy-title = Restriction of processing
privacy-intro = When a person asks for it (for example while the accuracy of the information is contested), processing of their information can be restricted. The information is kept, but no one uses or shares it until the restriction is lifted.
privacy-find = Find
privacy-status = Status
privacy-restricted = Processing is restricted
privacy-not-restricted = Not restricted
privacy-since = Restricted since
privacy-reason = Reason
privacy-restrict-intro = Staff will no longer see the person or the case in their daily work.
privacy-restrict = Restrict processing
privacy-lift-intro = When the restriction is lifted, the information can be used as before.
privacy-lift = Lift the restriction
privacy-done-restricted = Processing is restricted.
privacy-done-lifted = The restriction is lifted.
privacy-see-log = See who has looked at the information
