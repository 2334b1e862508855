import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from netweave.search.index import install_operation


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("people", "0005_affiliation_start"),
        ("interactions", "0002_initial"),
        ("givefirst", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name='Embedding',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=30)),
                ('object_id', models.BigIntegerField()),
                ('model', models.CharField(help_text='The embedder that made the vector.', max_length=100)),
                ('digest', models.CharField(max_length=32)),
                ('vector', models.BinaryField()),
                ('owner', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'indexes': [models.Index(fields=['owner', 'model', 'kind'], name='embedding_owner')],
                'constraints': [models.UniqueConstraint(fields=('kind', 'object_id', 'model'), name='embedding_unique')],
            },
        ),
        # The full-text indexes of the built-in sources, with the triggers that keep them (backends/).
        install_operation("person", "organisation", "tag", "interaction", "ask", "offer"),
    ]
