"""Who works on community organizing: the OSL organizer edits, animators log activities,
the director adopts plans, KIPUS and OUS read (not volunteers' or leaders' data)."""

from django.db import migrations

PERMISSIONS = {'Animator': ['osl.add_activity', 'osl.add_evidence', 'osl.add_indicatorvalue'],
 'Dyrektor': ['osl.adopt_oslplan', 'osl.view_activity', 'osl.view_annualreport',
              'osl.view_community', 'osl.view_evidence', 'osl.view_indicator',
              'osl.view_indicatorvalue', 'osl.view_leader', 'osl.view_oslplan', 'osl.view_partner',
              'osl.view_plansection', 'osl.view_resource', 'osl.view_scheduleitem',
              'osl.view_stage', 'osl.view_swotentry', 'osl.view_volunteer'],
 'KIPUS': ['osl.view_activity', 'osl.view_annualreport', 'osl.view_community', 'osl.view_evidence',
           'osl.view_indicator', 'osl.view_indicatorvalue', 'osl.view_oslplan', 'osl.view_partner',
           'osl.view_plansection', 'osl.view_resource', 'osl.view_scheduleitem', 'osl.view_stage',
           'osl.view_swotentry'],
 'OSL': ['osl.add_activity', 'osl.add_annualreport', 'osl.add_community', 'osl.add_evidence',
         'osl.add_indicator', 'osl.add_indicatorvalue', 'osl.add_leader', 'osl.add_oslplan',
         'osl.add_partner', 'osl.add_plansection', 'osl.add_resource', 'osl.add_scheduleitem',
         'osl.add_stage', 'osl.add_swotentry', 'osl.add_volunteer', 'osl.change_activity',
         'osl.change_annualreport', 'osl.change_community', 'osl.change_evidence',
         'osl.change_indicator', 'osl.change_indicatorvalue', 'osl.change_leader',
         'osl.change_oslplan', 'osl.change_partner', 'osl.change_plansection',
         'osl.change_resource', 'osl.change_scheduleitem', 'osl.change_stage',
         'osl.change_swotentry', 'osl.change_volunteer', 'osl.delete_evidence',
         'osl.delete_indicator', 'osl.delete_plansection', 'osl.delete_scheduleitem',
         'osl.delete_stage', 'osl.delete_swotentry', 'osl.view_activity', 'osl.view_annualreport',
         'osl.view_community', 'osl.view_evidence', 'osl.view_indicator', 'osl.view_indicatorvalue',
         'osl.view_leader', 'osl.view_oslplan', 'osl.view_partner', 'osl.view_plansection',
         'osl.view_resource', 'osl.view_scheduleitem', 'osl.view_stage', 'osl.view_swotentry',
         'osl.view_volunteer'],
 'OUS': ['osl.view_activity', 'osl.view_annualreport', 'osl.view_community', 'osl.view_evidence',
         'osl.view_indicator', 'osl.view_indicatorvalue', 'osl.view_oslplan', 'osl.view_partner',
         'osl.view_plansection', 'osl.view_resource', 'osl.view_scheduleitem', 'osl.view_stage',
         'osl.view_swotentry']}


def grant(apps, schema_editor):
    from cus.roles import grant as grant_permissions

    grant_permissions(apps, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("osl", "0001_osl_plans"), ("ipus", "0013_oversight_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
